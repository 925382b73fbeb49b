import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { upsertUserByIdentity } from '../../bot/src/data/repositories/users-repository';
import { findSimilarToDraft } from '../../bot/src/services/proposals/similar-proposals';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { useBotServer } from '../helpers/bot-server';
import { createTestUser, startTestWorker, useTestDatabase } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';
import { personas } from '../helpers/personas';
import { fixtureTenantId } from '../helpers/teams-http';
import { waitUntil } from '../helpers/wait';

/**
 * The similar check weighs bigrams by the folded document frequencies (migration 0034): the server
 * that runs the worker folds what submissions appended every 2 s, with no one asking. A proposal
 * submitted to a running server is therefore counted, and found by the check, within seconds.
 */
describe('the term-count fold of a running server', () => {
  const server = useBotServer();

  it('folds a submission into the counts by itself, and the check finds the proposal then', async () => {
    const user = await upsertUserByIdentity(server.db, {
      aadObjectId: personas.taro.oid,
      tenantId: fixtureTenantId,
      displayName: personas.taro.name,
    });
    const draft = {
      title: '庁舎の雨漏りの修繕',
      body: '雨の日に会議室の天井から水が漏れる。早急に修繕してほしい。',
    };
    const { proposal } = await submitProposal(server.db, {
      actor: { userId: user.id, roles: [] },
      input: { ...draft, category: 'other' },
    });
    const state = async () =>
      (
        await queryRows<{ pending: number; total: number | null }>(
          server.db,
          sql`select (select count(*)::int from proposal_term_deltas) as pending,
                     (select proposals from proposal_term_counts where term = '') as total`,
        )
      )[0]!;
    await waitUntil(
      async () => {
        const { pending, total } = await state();
        return pending === 0 && total === 1;
      },
      { what: () => 'the submission folded into the term counts', timeoutMs: 10_000, intervalMs: 100 },
    );
    const office = { userId: user.id, roles: ['office' as const] };
    const found = await findSimilarToDraft(server.db, office, draft);
    expect(found.shown.map((item) => item.number)).toEqual([proposal.number]);
  });
});

describe('the term-count fold of a starting worker', () => {
  const ctx = useTestDatabase();

  it('folds what was written while no worker ran as it starts, not a tick later', async () => {
    // As the seed and import commands leave it: proposals written, their deltas pending.
    const proposer = await createTestUser(ctx.db);
    await submitProposal(ctx.db, {
      actor: proposer,
      input: { title: '庁舎の雨漏りの修繕', body: '会議室の天井から水が漏れる。', category: 'other' },
    });
    const pending = async () =>
      (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposal_term_deltas`))[0]!
        .n;
    expect(await pending()).toBe(1);
    // A tick far away: only the fold at start can leave nothing pending.
    const runtime = await startTestWorker(ctx.database, { termCountFoldIntervalMs: 10 * 60_000 });
    try {
      await waitUntil(async () => (await pending()) === 0, {
        what: () => 'the deltas folded at start',
        timeoutMs: 10_000,
        intervalMs: 100,
      });
    } finally {
      await runtime.stop();
    }
  });
  it('folds again soon after a fold that took rows, and rests once one takes none', async () => {
    const pending = async () =>
      (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from proposal_term_deltas`))[0]!
        .n;
    const arrive = () =>
      ctx.db.execute(
        sql`insert into proposal_term_deltas (terms, deltas, proposal_ids) values ('{zz}', '{0}', '{}')`,
      );
    await arrive();
    // Resting, the next fold would come in ten minutes; after one that took rows, in a second.
    const runtime = await startTestWorker(ctx.database, {
      termCountFoldIntervalMs: 10 * 60_000,
      termCountBusyFoldIntervalMs: 1_000,
    });
    try {
      const folded = (what: string) =>
        waitUntil(async () => (await pending()) === 0, {
          what: () => what,
          timeoutMs: 5_000,
          intervalMs: 20,
        });
      await folded('the row folded at start');
      // Arrives while the worker is busy: taken by the fold a second later.
      await arrive();
      await folded('the row that arrived right after a fold that took rows, folded a second later');
      // That fold took a row, so one more comes a second later, takes nothing, and the worker rests.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await arrive();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await pending()).toBe(1);
    } finally {
      await runtime.stop();
    }
  });
});

describe('the deltas table under steady submissions', () => {
  const ctx = useTestDatabase();

  it('stays the size of what arrives between two folds: each fold that took rows vacuums it', async () => {
    const table = async () =>
      (
        await queryRows<{ pending: number; bytes: number; vacuums: number }>(
          ctx.db,
          sql`select (select count(*)::int from proposal_term_deltas) as pending,
                     pg_relation_size('proposal_term_deltas')::int as bytes,
                     (select vacuum_count::int from pg_stat_user_tables where relname = 'proposal_term_deltas') as vacuums`,
        )
      )[0]!;
    // What a few hundred submissions append between two folds: rows of a hundred bigrams each (zero
    // deltas, so the counts stay as they are).
    const arrive = () =>
      ctx.db.execute(sql`
        insert into proposal_term_deltas (terms, deltas, proposal_ids)
        select array(select 'z' || lpad(k::text, 3, '0') from generate_series(1, 100) k),
               array_fill(0, array[100]), '{}'
        from generate_series(1, 300)`);
    const runtime = await startTestWorker(ctx.database, { termCountFoldIntervalMs: 50 });
    try {
      let batchBytes = 0;
      for (let batch = 0; batch < 8; batch += 1) {
        const before = (await table()).vacuums;
        await arrive();
        batchBytes = Math.max(batchBytes, (await table()).bytes);
        await waitUntil(
          async () => {
            const now = await table();
            return now.pending === 0 && now.vacuums > before;
          },
          { what: () => `batch ${batch} folded and the table vacuumed`, timeoutMs: 10_000, intervalMs: 20 },
        );
      }
      // Eight batches without a vacuum take eight times the pages of one.
      expect((await table()).bytes).toBeLessThanOrEqual(batchBytes * 2);
    } finally {
      await runtime.stop();
    }
  });
});

/**
 * The fold takes again the search norms taken at a number of proposals more than a tenth away from
 * today's (the weights have moved since), up to 2,000 per fold, and finds them through the index on
 * their totals: it runs every few seconds, and an idle one must not read ten years of norms.
 */
describe('the norms the fold takes again', () => {
  const ctx = useTestDatabase();

  it('are those taken more than a tenth away, below or above, and no others', async () => {
    const proposer = await createTestUser(ctx.db);
    const ids: string[] = [];
    for (const title of ['押印の廃止', '会議資料のペーパーレス化', '庁舎の照明のLED化']) {
      const { proposal } = await submitProposal(ctx.db, {
        actor: proposer,
        input: { title, body: `${title}について検討してほしい。`, category: 'efficiency' },
      });
      ids.push(proposal.id);
    }
    await foldProposalTermCounts(ctx.db);
    const norms = async () =>
      Object.fromEntries(
        (
          await queryRows<{ id: string; norm: number; total: number }>(
            ctx.db,
            sql`select proposal_id as id, norm, total from proposal_search_norms`,
          )
        ).map((row) => [row.id, { norm: Number(row.norm), total: Number(row.total) }]),
      );
    const current = await norms();
    expect(Object.values(current).map((row) => row.total)).toEqual([3, 3, 3]);
    // Taken at 1 (fewer proposals), at 30 (more: a bulk delete since), and at 3 (today's) with a mark.
    const [low, high, today] = ids as [string, string, string];
    await ctx.db.execute(sql`
      update proposal_search_norms
      set norm = -1, total = case proposal_id when ${low}::uuid then 1 when ${high}::uuid then 30 else total end
      where proposal_id in (${low}::uuid, ${high}::uuid, ${today}::uuid)`);
    // A fold with nothing pending still takes the two again…
    expect(await foldProposalTermCounts(ctx.db)).toBe(0);
    const after = await norms();
    expect(after[low]).toEqual(current[low]);
    expect(after[high]).toEqual(current[high]);
    // …and leaves the one taken at today's number as it is.
    expect(after[today]).toEqual({ norm: -1, total: 3 });
  });

  it('are found through the index on their totals', async () => {
    const plan = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryPlan(tx, sql`select * from app_search_norms_to_retake(100000, 2000)`);
    });
    expect(plan).toMatch(/Index Cond: \(total < 90000\)/);
    expect(plan).toMatch(/Index Cond: \(total > 110000\)/);
    expect(plan).not.toMatch(/Filter:|Seq Scan/);
  });
});
