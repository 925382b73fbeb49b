import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultStampKinds, type Actor } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import {
  activeSendersQuery,
  proposalAggregateQuery,
  realisationsQuery,
  stampAggregateQuery,
  stampMonthlyQuery,
} from '../../bot/src/data/repositories/dashboard-repository';
import { getDashboard } from '../../bot/src/services/dashboard/get-dashboard';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { fiscalYearRange } from '#shared';
import { createTestUser, useTestDatabase } from '../helpers/test-context';
import { queryPlan } from '../helpers/test-database';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('dashboard', () => {
  const ctx = useTestDatabase();
  const staff = async (): Promise<Actor> => createTestUser(ctx.db, { name: '閲覧 職員' });

  it("reproduces the plan's FY2024 table, series and stamp KPIs from the demo data", async () => {
    await seedDemoData(ctx.db);
    const dashboard = await getDashboard(ctx.db, await staff(), {
      fiscalYear: 2024,
      now: new Date('2025-06-01T00:00:00Z'),
    });

    expect(dashboard.fiscalYearLabel).toBe('令和6年度');
    expect(dashboard.statusTable).toEqual({
      total: 648,
      rows: [
        { group: 'realised', label: '実現完了（又は見込み）', count: 191, share: 29.5 },
        { group: 'considering', label: '検討中等', count: 377, share: 58.2 },
        { group: 'blocked', label: 'その他', count: 80, share: 12.3 },
      ],
    });
    expect(dashboard.availableFiscalYears).toEqual([
      { fiscalYear: 2025, label: '令和7年度' },
      { fiscalYear: 2024, label: '令和6年度' },
    ]);

    // Withdrawn and merged proposals (660 stored, 648 counted) are in no aggregate.
    expect(dashboard.monthly.map((point) => point.label)).toEqual([
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
      '1月',
      '2月',
      '3月',
    ]);
    expect(dashboard.monthly[0]!.month).toBe('2024-04');
    expect(dashboard.monthly[11]!.month).toBe('2025-03');
    expect(sum(dashboard.monthly.map((point) => point.submissions))).toBe(648);
    const [realisedInYear] = await queryRows<{ count: number }>(
      ctx.db,
      sql`select count(*)::int as count from proposals where status in ('settled', 'realised')
          and realised_at >= '2024-03-31T15:00:00Z' and realised_at < '2025-03-31T15:00:00Z'`,
    );
    expect(sum(dashboard.monthly.map((point) => point.realisations))).toBe(realisedInYear!.count);
    expect(realisedInYear!.count).toBeGreaterThan(150);
    expect(realisedInYear!.count).toBeLessThanOrEqual(191);

    for (const rows of [dashboard.byCategory, dashboard.byProposerDivision]) {
      expect(sum(rows.map((row) => row.total))).toBe(648);
      expect(sum(rows.map((row) => row.counts.realised))).toBe(191);
      expect(sum(rows.map((row) => row.counts.considering))).toBe(377);
      expect(sum(rows.map((row) => row.counts.blocked))).toBe(80);
      for (const row of rows) expect(row.total).toBe(sum(Object.values(row.counts)));
    }
    expect(dashboard.byCategory).toHaveLength(8);
    expect(dashboard.byCategory.map((row) => row.total)).toEqual(
      [...dashboard.byCategory.map((row) => row.total)].sort((a, b) => b - a),
    );
    expect(dashboard.byCategory.map((row) => row.label)).toContain('ペーパレス化');
    expect(dashboard.byProposerDivision).toHaveLength(11);
    expect(dashboard.byProposerDivision.at(-1)).toMatchObject({ label: 'その他', isRest: true, key: null });

    expect(dashboard.stamps.total).toBe(3000);
    expect(sum(dashboard.stamps.monthly.map((point) => point.count))).toBe(3000);
    expect(sum(dashboard.stamps.bySenderDivision.map((row) => row.count))).toBe(3000);
    expect(sum(dashboard.stamps.byKind.map((row) => row.count))).toBe(3000);
    expect(dashboard.stamps.byKind.map((row) => row.label)).toEqual(
      defaultStampKinds.map((kind) => kind.label),
    );
    expect(dashboard.stamps.byKind[0]).toMatchObject({ code: 'thanks', emoji: '🙏' });
    expect(dashboard.stamps.activeSenders).toBeGreaterThan(50);
    expect(dashboard.stamps.activeSenders).toBeLessThanOrEqual(155);

    expect(dashboard.priorityProjects.map((project) => project.code)).toEqual([
      'R6-1-1',
      'R6-1-2',
      'R6-1-3',
      'R6-2-1',
      'R6-2-2',
    ]);
    // The demo's R6重点案件 are under way (demo-project-progress.ts).
    expect(dashboard.priorityProjects[0]).toMatchObject({
      status: 'in_progress',
      statusLabel: '進行中',
      progress: 60,
    });
    expect(sum(dashboard.priorityProjects.map((project) => project.linkedProposalCount))).toBeGreaterThan(20);

    // Aggregates only: no names, e-mails or proposal texts.
    const text = JSON.stringify(dashboard);
    expect(text).not.toMatch(/@|山口 太郎|proposer/);
  });

  it('leaves withdrawn and merged proposals out and counts a realisation in the month it happened', async () => {
    await seedBaseData(ctx.db);
    const actor = await staff();
    const at = (iso: string) => sql`${iso}::timestamptz`;
    const insert = (n: number, status: string, submitted: string, realised: string | null, extra = sql``) =>
      ctx.db
        .execute(sql`insert into proposals (fiscal_year, sequence, number, title, body, category, proposer_name,
          status, submitted_at, realised_at, block_reason, merged_into_id)
        values (2023, ${n}, ${`R5-${String(n).padStart(4, '0')}`}, ${`提案${n}`}, '本文', 'digital', '職員',
          ${status}, ${at(submitted)}, ${realised === null ? null : at(realised)}, ${status === 'blocked' ? 'legal' : null}, ${extra})`);
    await insert(1, 'realised', '2023-04-10T00:00:00Z', '2024-04-02T00:00:00Z', sql`null`);
    await insert(2, 'blocked', '2023-05-10T00:00:00Z', null, sql`null`);
    await insert(3, 'withdrawn', '2023-05-11T00:00:00Z', null, sql`null`);
    const [target] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from proposals where sequence = 1`,
    );
    await insert(4, 'merged', '2023-05-12T00:00:00Z', null, sql`${target!.id}::uuid`);
    await ctx.db.execute(sql`insert into proposal_counters values (2023, 4)`);

    const fy2023 = await getDashboard(ctx.db, actor, {
      fiscalYear: 2023,
      now: new Date('2024-05-01T00:00:00Z'),
    });
    expect(fy2023.statusTable.total).toBe(2);
    expect(fy2023.statusTable.rows.map((row) => [row.count, row.share])).toEqual([
      [1, 50],
      [0, 0],
      [1, 50],
    ]);
    expect(sum(fy2023.monthly.map((point) => point.submissions))).toBe(2);
    // Realised on 2 April 2024 (Tokyo): a realisation of FY2024, not of FY2023.
    expect(sum(fy2023.monthly.map((point) => point.realisations))).toBe(0);
    expect(fy2023.availableFiscalYears.map((year) => year.fiscalYear)).toEqual([2024, 2023]);

    const fy2024 = await getDashboard(ctx.db, actor, {
      fiscalYear: 2024,
      now: new Date('2024-05-01T00:00:00Z'),
    });
    expect(fy2024.statusTable.total).toBe(0);
    expect(fy2024.monthly[0]).toEqual({ month: '2024-04', label: '4月', submissions: 0, realisations: 1 });
  });

  it('answers a fiscal year without data with an empty but complete dashboard', async () => {
    await seedDemoData(ctx.db);
    const dashboard = await getDashboard(ctx.db, await staff(), { fiscalYear: 2030 });
    expect(dashboard.fiscalYearLabel).toBe('令和12年度');
    expect(dashboard.statusTable).toEqual({
      total: 0,
      rows: [
        { group: 'realised', label: '実現完了（又は見込み）', count: 0, share: 0 },
        { group: 'considering', label: '検討中等', count: 0, share: 0 },
        { group: 'blocked', label: 'その他', count: 0, share: 0 },
      ],
    });
    expect(dashboard.byCategory).toEqual([]);
    expect(dashboard.byProposerDivision).toEqual([]);
    expect(dashboard.monthly).toHaveLength(12);
    expect(dashboard.monthly.every((point) => point.submissions === 0 && point.realisations === 0)).toBe(
      true,
    );
    expect(dashboard.stamps).toMatchObject({ total: 0, activeSenders: 0, bySenderDivision: [] });
    expect(dashboard.stamps.monthly.every((point) => point.count === 0)).toBe(true);
    expect(dashboard.stamps.byKind.every((kind) => kind.count === 0)).toBe(true);
    expect(dashboard.priorityProjects).toEqual([]);
    expect(dashboard.availableFiscalYears.map((year) => year.fiscalYear)).toContain(2030);
    expect(dashboard.availableFiscalYears.map((year) => year.fiscalYear)).toContain(2024);
  });

  it('reads the aggregates from the count tables through their keys, never proposals or stamps (enable_seqscan = off)', async () => {
    await seedDemoData(ctx.db);
    await ctx.db.execute(sql`analyze`);
    const range = fiscalYearRange(2024);
    const plans = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return {
        proposals: await queryPlan(tx, proposalAggregateQuery(2024)),
        realisations: await queryPlan(tx, realisationsQuery(range)),
        stamps: await queryPlan(tx, stampAggregateQuery(range)),
        senders: await queryPlan(tx, activeSendersQuery(range)),
        stampMonths: await queryPlan(
          tx,
          stampMonthlyQuery([
            { month: '2024-04', start: range.start, end: new Date('2024-04-30T15:00:00Z') },
          ]),
        ),
      };
    });
    expect(plans.proposals).toMatch(/proposal_counts_by_division_key/);
    expect(plans.proposals).toMatch(/proposal_counts_by_month_key/);
    expect(plans.realisations).toMatch(/proposal_realisation_counts_key/);
    for (const plan of [plans.stamps, plans.stampMonths]) expect(plan).toMatch(/stamp_counts_by_month_key/);
    expect(plans.senders).toMatch(/stamp_senders_by_year_key/);
    for (const plan of Object.values(plans)) {
      expect(plan).not.toMatch(/Seq Scan/);
      expect(plan).not.toMatch(/ on (proposals|stamps)\b/);
    }
  });
});
