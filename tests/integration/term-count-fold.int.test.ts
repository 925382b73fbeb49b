import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { upsertUserByIdentity } from '../../bot/src/data/repositories/users-repository';
import { findSimilarToDraft } from '../../bot/src/services/proposals/similar-proposals';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { useBotServer } from '../helpers/bot-server';
import { createTestUser, startTestWorker, useTestDatabase } from '../helpers/test-context';
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
