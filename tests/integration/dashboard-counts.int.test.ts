import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../bot/src/data/database';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { triageProposal } from '../../bot/src/services/proposals/triage-proposal';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { usesServer } from '../helpers/test-database';

/**
 * The dashboard's count tables (migration 0007) are kept by triggers. Whatever happens to proposals
 * and stamps — inserts, status and division changes, realisations undone, moved dates, deletions,
 * TRUNCATE — they must equal the same aggregates computed from the base tables at every commit.
 */
const expectedAndActual = async (db: Executor) => {
  const pairs = {
    byDivision: [
      sql`select fiscal_year, proposer_division_id::text as d, status, category, count(*)::int as n
          from proposals group by 1, 2, 3, 4`,
      sql`select fiscal_year, proposer_division_id::text as d, status, category, count as n
          from proposal_counts_by_division where count <> 0`,
    ],
    byMonth: [
      sql`select fiscal_year, proposer_division_id::text as d, status,
                 to_char(submitted_at at time zone 'Asia/Tokyo', 'YYYY-MM') as m, count(*)::int as n
          from proposals group by 1, 2, 3, 4`,
      sql`select fiscal_year, proposer_division_id::text as d, status, to_char(month, 'YYYY-MM') as m, count as n
          from proposal_counts_by_month where count <> 0`,
    ],
    realisations: [
      sql`select to_char(realised_at at time zone 'Asia/Tokyo', 'YYYY-MM') as m, proposer_division_id::text as d,
                 status, count(*)::int as n
          from proposals where realised_at is not null group by 1, 2, 3`,
      sql`select to_char(month, 'YYYY-MM') as m, proposer_division_id::text as d, status, count as n
          from proposal_realisation_counts where count <> 0`,
    ],
    stamps: [
      sql`select to_char(sent_at at time zone 'Asia/Tokyo', 'YYYY-MM') as m, sender_division_id::text as d,
                 kind_code, count(*)::int as n
          from stamps group by 1, 2, 3`,
      sql`select to_char(month, 'YYYY-MM') as m, sender_division_id::text as d, kind_code, count as n
          from stamp_counts_by_month where count <> 0`,
    ],
    senders: [
      sql`select distinct extract(year from (sent_at at time zone 'Asia/Tokyo') - interval '3 months')::int as y,
                 sender_id::text as s, sender_division_id::text as d
          from stamps`,
      sql`select fiscal_year as y, sender_id::text as s, sender_division_id::text as d from stamp_senders_by_year`,
    ],
  };
  const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).sort();
  const result: Record<string, { expected: string[]; actual: string[] }> = {};
  for (const [name, [expected, actual]] of Object.entries(pairs)) {
    result[name] = {
      expected: sorted(await queryRows(db, expected!)),
      actual: sorted(await queryRows(db, actual!)),
    };
  }
  return result;
};

const expectCountsExact = async (db: Executor) => {
  for (const [name, { expected, actual }] of Object.entries(await expectedAndActual(db))) {
    expect(actual, name).toEqual(expected);
  }
};

describe('dashboard count tables', () => {
  const ctx = useTestDatabase();

  it('equal the base tables after seeding, changes, moves, deletions and a rebuild', async () => {
    await seedDemoData(ctx.db);
    await expectCountsExact(ctx.db);

    // Status changes through the service (realised and back, blocked), as the office makes them.
    const office = await createTestUser(ctx.db, { roles: ['office'] });
    const some = await queryRows<{ id: string; version: number }>(
      ctx.db,
      sql`select id, version from proposals where status = 'received' order by number limit 3`,
    );
    for (const [index, proposal] of some.entries()) {
      const status = (['realised', 'settled', 'under_consideration'] as const)[index]!;
      await triageProposal(ctx.db, {
        actor: office,
        proposalId: proposal.id,
        expectedVersion: proposal.version,
        changes: { status, answer: '回答します。' },
      });
    }
    await expectCountsExact(ctx.db);

    // Direct changes to every counted column, several rows per statement, a realisation undone.
    await ctx.db.execute(sql`
      update proposals set
        status = case when status = 'realised' then 'under_consideration' else status end,
        realised_at = case when status = 'realised' then null else realised_at end,
        category = case when category = 'digital' then 'paperless' else category end,
        submitted_at = submitted_at + interval '40 days',
        proposer_division_id = (select id from divisions order by name limit 1)
      where number like '%1'`);
    await ctx.db.execute(
      sql`update proposals set fiscal_year = fiscal_year + 1 where number like '%7' and status <> 'merged'`,
    );
    await ctx.db.execute(sql`
      update stamps set
        kind_code = 'nice',
        sent_at = sent_at - interval '200 days',
        sender_division_id = null
      where id in (select id from stamps order by id limit 40)`);
    await expectCountsExact(ctx.db);

    // Deletions (stamps; proposals without history, which the audit trail would otherwise keep).
    await ctx.db.execute(
      sql`delete from stamps where id in (select id from stamps order by sent_at limit 300)`,
    );
    await ctx.db.execute(sql`
      insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name, status, submitted_at)
      values (2031, 1, 'R13-0001', '削除される提案', '本文', 'other', '試験', 'received', now())`);
    await expectCountsExact(ctx.db);
    await ctx.db.execute(sql`delete from proposals where number = 'R13-0001'`);
    await expectCountsExact(ctx.db);

    // The rebuild gives the same counts, and TRUNCATE empties them with the table.
    await ctx.db.execute(sql`select app_rebuild_dashboard_counts()`);
    await expectCountsExact(ctx.db);
    // One statement, cascading: the demo's thanks stamps, follows and the like refer to proposals.
    await ctx.db.execute(
      sql`truncate stamps, proposal_history, proposal_project_links, proposal_co_proposers, proposal_answer_drafts, proposals cascade`,
    );
    const [left] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select (select count(*) from proposal_counts_by_division) + (select count(*) from proposal_counts_by_month)
               + (select count(*) from proposal_realisation_counts) + (select count(*) from stamp_counts_by_month)
               + (select count(*) from stamp_senders_by_year) as n`,
    );
    expect(Number(left!.n)).toBe(0);
  }, 120_000);

  it.skipIf(!usesServer())(
    'stay exact under concurrent changes in opposite directions, without deadlocks',
    async () => {
      await seedDemoData(ctx.db);
      const office = await createTestUser(ctx.db, { roles: ['office'] });
      const proposals = await queryRows<{ id: string; version: number; status: string }>(
        ctx.db,
        sql`select id, version, status from proposals
            where status in ('settled', 'under_consideration') order by number limit 60`,
      );
      // 検討中 → 実現見込み and 実現見込み → 検討中 at the same time: each change takes one count row
      // out and puts another in, the two kinds in opposite order.
      const outcomes = await Promise.allSettled(
        proposals.map((proposal) =>
          triageProposal(ctx.db, {
            actor: office,
            proposalId: proposal.id,
            expectedVersion: proposal.version,
            changes: {
              status: proposal.status === 'settled' ? 'under_consideration' : 'settled',
              answer: '回答します。',
            },
          }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      await expectCountsExact(ctx.db);
    },
    60_000,
  );
});
