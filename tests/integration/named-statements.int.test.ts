import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../bot/src/data/database';
import { findProposalFormChoices } from '../../bot/src/data/repositories/proposal-form-choices-repository';
import {
  findSimilarCandidatesForRequest,
  findSimilarProposalCandidates,
  foldProposalTermCounts,
} from '../../bot/src/data/repositories/similar-proposals-repository';
import { findTeamsContact } from '../../bot/src/data/repositories/teams-contact-repository';
import {
  countRecentProposals,
  countRecentStamps,
} from '../../bot/src/data/repositories/user-activity-repository';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

/**
 * The statements a 提出する sends on most turns (the contact read, the similar check, the form's
 * choices, and for an accepted one the proposer's recent count and the submission itself) are named,
 * so each server connection parses and plans them once instead of on every call.
 * Run twice on one connection (a transaction holds one), they answer alike, and on PostgreSQL the
 * connection holds them as prepared statements afterwards.
 */
describe('the named statements of a 提出する', () => {
  const ctx = useTestDatabase();

  it('are prepared once per connection and answer the same every time', async () => {
    const proposer = await createTestUser(ctx.db);
    await submitProposal(ctx.db, {
      actor: proposer,
      input: { title: '押印の廃止', body: '申請書の押印を廃止してほしい。', category: 'efficiency' },
      clientRequestId: 'named-1',
    });
    await foldProposalTermCounts(ctx.db);
    const [user] = await queryRows<{ aad: string }>(
      ctx.db,
      sql`select aad_object_id as aad from users where id = ${proposer.userId}::uuid`,
    );
    const draft = '押印を廃止しよう 申請書の押印をなくしてほしい。';
    const turn = async (tx: Executor) => ({
      contact: (await findTeamsContact(tx, user!.aad, 'conversation-1'))?.user.id,
      choices: await findProposalFormChoices(tx, 2026),
      similar: (await findSimilarProposalCandidates(tx, draft, { limit: 3, minScore: 0.1 })).candidates.map(
        (c) => c.title,
      ),
      forRequest: await findSimilarCandidatesForRequest(tx, draft, {
        limit: 3,
        minScore: 0.1,
        proposerId: proposer.userId,
        requestId: 'named-1',
        formFiscalYear: 2026,
      }),
      // Nothing like it: no form to show, so neither the request nor the form's choices are read.
      unlike: await findSimilarCandidatesForRequest(tx, '公用車の予約をオンラインに', {
        limit: 3,
        minScore: 0.1,
        proposerId: proposer.userId,
        requestId: 'named-1',
        formFiscalYear: 2026,
      }),
    });
    const { first, second, prepared } = await ctx.db.transaction(async (tx) => ({
      first: await turn(tx),
      second: await turn(tx),
      prepared:
        ctx.database.kind === 'postgres'
          ? (
              await queryRows<{ name: string }>(
                tx,
                sql`select name from pg_prepared_statements order by name`,
              )
            ).map((row) => row.name)
          : [],
    }));
    expect(first.contact).toBe(proposer.userId);
    expect(first.choices.categories.length).toBeGreaterThan(0);
    expect(first.similar).toEqual(['押印の廃止']);
    expect(first.forRequest.candidates.map((c) => c.title)).toEqual(['押印の廃止']);
    expect(first.forRequest.takenId).not.toBeNull();
    // The form's choices come with the look-alikes, as the form's own statement reads them.
    expect(first.forRequest.formChoices).toEqual(first.choices);
    expect(first.unlike).toEqual({ candidates: [], takenId: null, formChoices: null, total: 0 });
    expect(second).toEqual(first);
    if (ctx.database.kind === 'postgres')
      expect(prepared).toEqual(
        expect.arrayContaining([
          'proposal_form_choices',
          'similar_check',
          'similar_check_for_request',
          'teams_contact',
        ]),
      );
  });

  it('include the accepted submission and the recent counts, which answer as unnamed ones did', async () => {
    const proposer = await createTestUser(ctx.db);
    const limits = {
      proposalsPerMinute: 10,
      proposalsPerDay: 100,
      stampSendsPerMinute: 10,
      stampSendsPerDay: 100,
      stampRecipientsPerDay: 100,
      appInstallsPerDay: 10,
      commentsPer10Minutes: 10,
      commentReportsPerDay: 10,
    };
    const input = { title: '押印の廃止', body: '申請書の押印を廃止してほしい。', category: 'efficiency' };
    const now = new Date();
    const { results, prepared } = await ctx.db.transaction(async (tx) => {
      const submit = (requestId: string) =>
        submitProposal(tx as never, { actor: proposer, input, clientRequestId: requestId, limits, now });
      const first = await submit('named-a');
      const second = await submit('named-b');
      const retry = await submit('named-a');
      return {
        results: {
          numbers: [first, second, retry].map((r) => [r.proposal.number, r.created]),
          recent: await countRecentProposals(tx, proposer.userId, now),
          again: await countRecentProposals(tx, proposer.userId, now),
          stamps: await countRecentStamps(tx, proposer.userId, now),
          stampsAgain: await countRecentStamps(tx, proposer.userId, now),
        },
        prepared:
          ctx.database.kind === 'postgres'
            ? (await queryRows<{ name: string }>(tx, sql`select name from pg_prepared_statements`)).map(
                (row) => row.name,
              )
            : [],
      };
    });
    const [[a, createdA], [b, createdB], [retried, createdRetry]] = results.numbers as [
      [string, boolean],
      [string, boolean],
      [string, boolean],
    ];
    expect([createdA, createdB, createdRetry]).toEqual([true, true, false]);
    expect(b).not.toBe(a);
    expect(retried).toBe(a);
    expect(results.recent).toEqual({ lastMinute: 2, lastDay: 2 });
    expect(results.again).toEqual(results.recent);
    expect(results.stamps).toEqual({ sends: { lastMinute: 0, lastDay: 0 }, recipientsLastDay: 0 });
    expect(results.stampsAgain).toEqual(results.stamps);
    if (ctx.database.kind === 'postgres')
      expect(prepared).toEqual(
        expect.arrayContaining(['plain_submission', 'recent_proposals', 'recent_stamps']),
      );
  });

  // Called for every proposal written (its generated bigrams, its dashboard counts' trigger), every stamp
  // and every similar check. As SQL functions that cannot be inlined they were parsed and planned on
  // every call (the counts: 0.6 ms of a submission's 1.5 ms insert).
  it('include the functions every submission calls, written in PL/pgSQL so they are planned once', async () => {
    const rows = await queryRows<{ name: string; language: string }>(
      ctx.db,
      sql`select p.proname as name, l.lanname as language
          from pg_proc p join pg_language l on l.oid = p.prolang
          where p.proname in ('app_apply_proposal_counts', 'app_apply_stamp_counts', 'app_search_grams')
          order by 1`,
    );
    expect(rows).toEqual([
      { name: 'app_apply_proposal_counts', language: 'plpgsql' },
      { name: 'app_apply_stamp_counts', language: 'plpgsql' },
      { name: 'app_search_grams', language: 'plpgsql' },
    ]);
    // Its bigrams are what the SQL function gave: each character and each pair, none across a space.
    const [row] = await queryRows<{ grams: string[] }>(
      ctx.db,
      sql`select app_search_grams('ＰＣの 押印') as grams`,
    );
    expect([...row!.grams].sort()).toEqual(['c', 'pc', 'p', 'の', '押', '押印', '印', 'cの'].sort());
  });
});
