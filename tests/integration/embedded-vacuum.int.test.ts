import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { foldProposalTermCounts } from '../../bot/src/data/repositories/similar-proposals-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, startTestWorker, useTestDatabase } from '../helpers/test-context';
import { usesServer } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';

/**
 * The embedded database has no autovacuum: the worker vacuums it (DatabaseHandle.maintain), so that
 * years of edits leave no dead rows behind, the planner's statistics follow the data and the similar
 * check reads its postings from their index alone. On a server, autovacuum does it and the worker
 * leaves it alone.
 */
describe('the embedded database vacuum', () => {
  const ctx = useTestDatabase();

  const submitSome = async () => {
    const proposer = await createTestUser(ctx.db);
    for (const [title, body] of [
      ['押印の廃止', '申請書の押印を廃止してほしい。本人確認の効果は薄い。'],
      ['押印欄の削除', '届出の様式から押印欄をなくしてほしい。'],
      ['会議資料のペーパーレス化', '会議資料を印刷せず、共有フォルダに置いてタブレットで見る。'],
    ])
      await submitProposal(ctx.db, { actor: proposer, input: { title, body, category: 'efficiency' } });
    await foldProposalTermCounts(ctx.db);
  };

  const manualVacuums = async () =>
    (
      await queryRows<{ n: number }>(
        ctx.db,
        sql`select vacuum_count::int as n from pg_stat_user_tables where relname = 'proposals'`,
      )
    )[0]!.n;

  /** The heap pages a lookup of one bigram's postings visited (0: answered from the index alone). */
  const heapFetches = async () =>
    ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const [row] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Heap Fetches': number } }] }>(
        tx,
        sql`explain (analyze, format json) select proposal_id from proposal_term_postings where term = '押印'`,
      );
      return row!['QUERY PLAN'][0].Plan['Heap Fetches'];
    });

  it('is run by the worker now and then on the embedded database, never on a server', async () => {
    await submitSome();
    const before = await manualVacuums();
    const runtime = await startTestWorker(ctx.database, { embeddedVacuumIntervalMs: 200 });
    try {
      if (ctx.database.kind === 'pglite') {
        await waitUntil(async () => (await manualVacuums()) > before, {
          what: 'a vacuum of the proposals by the worker',
          timeoutMs: 15_000,
        });
      } else {
        // A server's autovacuum counts apart (autovacuum_count): a manual vacuum would be ours.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(await manualVacuums()).toBe(before);
      }
    } finally {
      await runtime.stop();
    }
  });

  // On a server maintain() does nothing (the test above shows it); autovacuum's timing is its own.
  it.skipIf(usesServer())(
    'leaves the postings readable from their index alone and the statistics current',
    async () => {
      await submitSome();
      // Fresh rows: their pages are not known to be all-visible until a vacuum says so.
      expect(await heapFetches()).toBeGreaterThan(0);
      await ctx.database.maintain();
      expect(await heapFetches()).toBe(0);
      const [stats] = await queryRows<{ tuples: number }>(
        ctx.db,
        sql`select reltuples::int as tuples from pg_class where relname = 'proposals'`,
      );
      expect(stats!.tuples).toBe(3);
    },
  );
});
