import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  appendMasterDataChange,
  findMasterDataChanges,
} from '../../bot/src/data/repositories/master-data-changes-repository';
import { useTestDatabase } from '../helpers/test-context';

describe('master data audit trail', () => {
  const ctx = useTestDatabase();

  it('keeps every change, newest first, and refuses edits and deletions', async () => {
    const { db } = ctx;
    await appendMasterDataChange(db, {
      entity: 'category',
      entityKey: 'dx',
      action: 'create',
      actorId: null,
      before: null,
      after: { label: 'DX' },
    });
    await appendMasterDataChange(db, {
      entity: 'category',
      entityKey: 'dx',
      action: 'update',
      actorId: null,
      before: { label: 'DX' },
      after: { label: 'デジタル化' },
      reason: '名称変更',
    });
    const rows = await findMasterDataChanges(db, { entity: 'category', entityKey: 'dx', limit: 10 });
    expect(rows.map(({ change }) => [change.action, change.after])).toEqual([
      ['update', { label: 'デジタル化' }],
      ['create', { label: 'DX' }],
    ]);
    const refusal = { cause: expect.objectContaining({ message: 'master_data_changes is append-only' }) };
    await expect(db.execute(sql`update master_data_changes set reason = 'x'`)).rejects.toMatchObject(refusal);
    await expect(db.execute(sql`delete from master_data_changes`)).rejects.toMatchObject(refusal);
  });
});
