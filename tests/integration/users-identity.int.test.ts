import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { upsertUserByEmail, upsertUserByIdentity } from '../../bot/src/data/repositories/users-repository';
import { personas } from '../helpers/personas';
import { useTestDatabase } from '../helpers/test-context';
import { usesServer } from '../helpers/test-database';

const tenantId = '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30';
const taro = {
  aadObjectId: personas.taro.oid,
  tenantId,
  displayName: personas.taro.name,
  email: personas.taro.email,
};

describe('users known by their Teams / Entra identity', () => {
  const ctx = useTestDatabase();
  const usersByEmail = (email: string) =>
    queryRows<{ id: string; aad_object_id: string | null }>(
      ctx.db,
      sql`select id, aad_object_id from users where lower(email) = lower(${email})`,
    );

  it('creates a person on first sight and refreshes their name afterwards', async () => {
    const first = await upsertUserByIdentity(ctx.db, taro);
    const again = await upsertUserByIdentity(ctx.db, { ...taro, displayName: '山口 太郎（総務課）' });
    expect(again.id).toBe(first.id);
    expect(again.displayName).toBe('山口 太郎（総務課）');
    expect(again.email).toBe('taro@pref.example.jp');
  });

  it('links a person imported by e-mail instead of duplicating them', async () => {
    const imported = await upsertUserByEmail(ctx.db, {
      email: 'Taro@Pref.Example.JP',
      displayName: '山口 太郎',
    });
    const signedIn = await upsertUserByIdentity(ctx.db, taro);
    expect(signedIn.id).toBe(imported.id);
    expect(await usersByEmail(taro.email)).toEqual([{ id: imported.id, aad_object_id: taro.aadObjectId }]);
  });

  it('keeps a newcomer whose e-mail another account still holds, without the e-mail', async () => {
    const holder = await upsertUserByIdentity(ctx.db, {
      ...taro,
      aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000ff',
    });
    const newcomer = await upsertUserByIdentity(ctx.db, taro);
    expect(newcomer.id).not.toBe(holder.id);
    expect(newcomer.aadObjectId).toBe(taro.aadObjectId);
    expect(newcomer.email).toBeNull();
    expect((await upsertUserByIdentity(ctx.db, taro)).id).toBe(newcomer.id);
  });

  // PGlite has one connection, so two transactions never overlap there.
  it.runIf(usesServer())(
    "a first turn that meets another turn's uncommitted row for the same newcomer waits for it and gets it",
    async () => {
      let second: Promise<{ id: string }> | undefined;
      const first = await ctx.db.transaction(async (tx) => {
        const created = await upsertUserByIdentity(tx, taro);
        // The other turn, on another connection, inserts too and must wait for this transaction.
        second = upsertUserByIdentity(ctx.db, taro);
        await expect.poll(() => waitingForLocks(), { timeout: 5000, interval: 20 }).toBeGreaterThan(0);
        return created;
      });
      expect((await second!).id).toBe(first.id);
      expect(await usersByEmail(taro.email)).toHaveLength(1);
    },
  );

  // The race of Teams announcing an install twice: both turns miss each other's row, then both insert.
  it.runIf(usesServer())('gives simultaneous first turns of newcomers one row each', async () => {
    const newcomers = Array.from({ length: 200 }, (_, index) => ({
      ...taro,
      aadObjectId: `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, '0')}`,
      email: `newcomer${index}@example.jp`,
    }));
    const turns = await Promise.all(
      newcomers.flatMap((newcomer) => [
        ctx.db.transaction((tx) => upsertUserByIdentity(tx, newcomer)),
        ctx.db.transaction((tx) => upsertUserByIdentity(tx, newcomer)),
      ]),
    );
    for (let index = 0; index < newcomers.length; index += 1)
      expect(turns[2 * index]!.id).toBe(turns[2 * index + 1]!.id);
  });

  it.runIf(usesServer())('gives simultaneous imports of one person one row', async () => {
    const people = Array.from({ length: 100 }, (_, index) => ({
      email: `imported${index}@example.jp`,
      displayName: `職員 ${index}`,
    }));
    const rows = await Promise.all(
      people.flatMap((person) => [
        ctx.db.transaction((tx) => upsertUserByEmail(tx, person)),
        ctx.db.transaction((tx) => upsertUserByEmail(tx, { ...person, email: person.email.toUpperCase() })),
      ]),
    );
    for (let index = 0; index < people.length; index += 1)
      expect(rows[2 * index]!.id).toBe(rows[2 * index + 1]!.id);
  });

  const waitingForLocks = async () => {
    const [row] = await queryRows<{ waiting: number }>(
      ctx.db,
      sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    return row!.waiting;
  };
});
