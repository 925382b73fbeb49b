import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/** 定型回答 as master data: the office adds, edits and retires them; each change is in the audit trail. */
describe('answer templates', () => {
  const { ctx, ids, call } = useSignedInApp(tabApiCast);
  const audit = () =>
    queryRows<{ entity_key: string; action: string; actor_id: string; before: unknown; after: unknown }>(
      ctx.db,
      sql`select entity_key, action, actor_id, before, after from master_data_changes where entity = 'answer_template' order by id`,
    );

  it('adds, edits and retires a template, each change audited with before and after', async () => {
    const created = await call('office', 'POST', '/api/answer-templates', {
      title: 'その他（法令）',
      body: '{提案番号}については、法令上の制約により現時点では実施できません。所管課：{所管課}',
    });
    expect(created.statusCode, created.body).toBe(200);
    const template = created.json();
    expect(template).toMatchObject({ title: 'その他（法令）', isActive: true, version: 1 });

    const edited = await call('office', 'PATCH', `/api/answer-templates/${template.id}`, {
      version: 1,
      title: 'その他（法令上の制約）',
    });
    expect(edited.json()).toMatchObject({ title: 'その他（法令上の制約）', version: 2 });
    const stale = await call('office', 'PATCH', `/api/answer-templates/${template.id}`, {
      version: 1,
      title: '古い版から',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe(
      'この定型回答は他の人が先に更新しました。最新の内容を確認してください。',
    );

    const retired = await call('office', 'PATCH', `/api/answer-templates/${template.id}`, {
      version: 2,
      isActive: false,
    });
    expect(retired.json()).toMatchObject({ isActive: false, version: 3 });
    expect((await call('office', 'GET', '/api/answer-templates')).json().items).toEqual([]);
    const all = (await call('office', 'GET', '/api/answer-templates?includeRetired=true')).json().items;
    expect(all.map((item: { title: string }) => item.title)).toEqual(['その他（法令上の制約）']);

    expect(await audit()).toEqual([
      expect.objectContaining({
        entity_key: template.id,
        action: 'create',
        actor_id: ids.office,
        before: null,
      }),
      expect.objectContaining({
        action: 'update',
        before: expect.objectContaining({ title: 'その他（法令）' }),
        after: expect.objectContaining({ title: 'その他（法令上の制約）' }),
      }),
      expect.objectContaining({
        action: 'retire',
        before: expect.objectContaining({ isActive: true }),
        after: expect.objectContaining({ isActive: false }),
      }),
    ]);
  });

  it('refuses empty text and staff in Japanese, writing nothing', async () => {
    const empty = await call('office', 'POST', '/api/answer-templates', { title: '名前', body: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('定型回答の本文を入力してください。');
    const staff = await call('staff', 'POST', '/api/answer-templates', { title: '名前', body: '本文' });
    expect(staff.statusCode).toBe(403);
    expect((await call('staff', 'GET', '/api/answer-templates')).statusCode).toBe(403);
    expect(await audit()).toEqual([]);
  });
});
