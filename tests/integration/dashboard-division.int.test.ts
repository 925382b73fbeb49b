import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fiscalYearRange,
  reportGroups,
  statusesInGroup,
  statusGroupReport,
  type DashboardDto,
  type ReportGroup,
} from '#shared';
import { buildApp } from '../../bot/src/app';
import { queryRows, type Executor } from '../../bot/src/data/database';
import {
  activeSendersQuery,
  proposalAggregateQuery,
  realisationsQuery,
  stampAggregateQuery,
  stampMonthlyQuery,
} from '../../bot/src/data/repositories/dashboard-repository';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase, queryPlan } from '../helpers/test-database';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const staff = { oid: 'd1000000-0000-4000-8000-000000000001', name: '閲覧 職員' };

/** FY2024 in Tokyo time, as the SQL below spells it. */
const fy2024 = { start: '2024-03-31T15:00:00Z', end: '2025-03-31T15:00:00Z' };

describe('dashboard of one division (channel tab, ?divisionId=)', () => {
  const ctx = useTestDatabase();
  let stub: EntraStub;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    stub = await startEntraStub();
    app = await buildApp({ config: testConfig(stub.env()), database: await getTestDatabase() });
    token = await stub.sign(staff);
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  const getDashboard = async (query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dashboard?${query}`,
      headers: bearer(token),
    });
    return { status: response.statusCode, body: response.json() as DashboardDto & { error?: never } };
  };

  /** The division with the most counted FY2024 proposals, and its counts per report group, straight from SQL. */
  const busiestDivision = async (db: Executor) => {
    const [division] = await queryRows<{ id: string; name: string }>(
      db,
      sql`select d.id::text as id, d.name from proposals p join divisions d on d.id = p.proposer_division_id
          where p.fiscal_year = 2024 and p.status not in ('withdrawn', 'merged')
          group by d.id, d.name order by count(*) desc, d.name limit 1`,
    );
    const counts = {} as Record<ReportGroup, number>;
    for (const group of reportGroups) {
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from proposals where fiscal_year = 2024
            and proposer_division_id = ${division!.id}::uuid
            and status in (${sql.join(
              statusesInGroup(group).map((status) => sql`${status}`),
              sql`, `,
            )})`,
      );
      counts[group] = row!.count;
    }
    return { ...division!, counts };
  };

  it("restricts proposals to the proposer division and stamps to the sender division; projects stay the organisation's", async () => {
    await seedDemoData(ctx.db);
    const division = await busiestDivision(ctx.db);
    const total = sum(Object.values(division.counts));
    expect(total).toBeGreaterThan(10);

    const whole = await getDashboard('fiscalYear=2024');
    const own = await getDashboard(`fiscalYear=2024&divisionId=${division.id}`);
    expect(whole.status).toBe(200);
    expect(own.status).toBe(200);
    const mine = own.body;

    expect(whole.body.division).toBeNull();
    expect(mine.division).toEqual({ id: division.id, name: division.name });
    expect(mine.fiscalYearLabel).toBe('令和6年度');

    // The plan's table for the division: counts from SQL, shares from the one shared computation.
    const report = statusGroupReport(
      Object.fromEntries(reportGroups.map((group) => [statusesInGroup(group)[0]!, division.counts[group]])),
    );
    expect(mine.statusTable.total).toBe(total);
    expect(mine.statusTable.rows.map((row) => [row.group, row.count, row.share])).toEqual(
      report.rows.map((row) => [row.group, row.count, row.share]),
    );
    expect(mine.statusTable.total).toBeLessThan(whole.body.statusTable.total);
    // The same division's row of the whole organisation's breakdown agrees with the filtered table.
    const row = whole.body.byProposerDivision.find((entry) => entry.key === division.id);
    expect(row?.counts).toEqual(division.counts);

    expect(mine.byProposerDivision).toEqual([
      { key: division.id, label: division.name, total, counts: division.counts, isRest: false },
    ]);
    expect(sum(mine.byCategory.map((entry) => entry.total))).toBe(total);
    expect(sum(mine.monthly.map((point) => point.submissions))).toBe(total);

    const [realised] = await queryRows<{ count: number }>(
      ctx.db,
      sql`select count(*)::int as count from proposals where status in ('settled', 'realised')
          and proposer_division_id = ${division.id}::uuid
          and realised_at >= ${fy2024.start}::timestamptz and realised_at < ${fy2024.end}::timestamptz`,
    );
    expect(sum(mine.monthly.map((point) => point.realisations))).toBe(realised!.count);
    expect(sum(mine.monthly.map((point) => point.realisations))).toBeLessThan(
      sum(whole.body.monthly.map((point) => point.realisations)),
    );

    const [stampCounts] = await queryRows<{ total: number; senders: number }>(
      ctx.db,
      sql`select count(*)::int as total, count(distinct sender_id)::int as senders from stamps
          where sender_division_id = ${division.id}::uuid
            and sent_at >= ${fy2024.start}::timestamptz and sent_at < ${fy2024.end}::timestamptz`,
    );
    expect(stampCounts!.total).toBeGreaterThan(0);
    expect(mine.stamps.total).toBe(stampCounts!.total);
    expect(mine.stamps.activeSenders).toBe(stampCounts!.senders);
    expect(sum(mine.stamps.monthly.map((point) => point.count))).toBe(stampCounts!.total);
    expect(sum(mine.stamps.byKind.map((kind) => kind.count))).toBe(stampCounts!.total);
    expect(mine.stamps.bySenderDivision).toEqual([
      { divisionId: division.id, label: division.name, count: stampCounts!.total, isRest: false },
    ]);
    expect(whole.body.stamps.bySenderDivision.find((entry) => entry.divisionId === division.id)?.count).toBe(
      stampCounts!.total,
    );

    // Priority projects and the year list are the organisation's, whatever the division.
    expect(mine.priorityProjects).toEqual(whole.body.priorityProjects);
    expect(mine.availableFiscalYears).toEqual(whole.body.availableFiscalYears);
  });

  it('shows an empty but complete dashboard for a division without proposals or stamps', async () => {
    await seedDemoData(ctx.db);
    const ids = await ensureDivisions(ctx.db, [{ name: '新設準備室' }]);
    const { status, body } = await getDashboard(`fiscalYear=2024&divisionId=${ids.get('新設準備室')!}`);
    expect(status).toBe(200);
    expect(body.division).toMatchObject({ name: '新設準備室' });
    expect(body.statusTable.total).toBe(0);
    expect(body.statusTable.rows.map((row) => [row.count, row.share])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(body.byCategory).toEqual([]);
    expect(body.byProposerDivision).toEqual([]);
    expect(body.monthly.every((point) => point.submissions === 0 && point.realisations === 0)).toBe(true);
    expect(body.stamps).toMatchObject({ total: 0, activeSenders: 0, bySenderDivision: [] });
    expect(body.priorityProjects.length).toBeGreaterThan(0);
  });

  it('refuses a malformed division id (400) and an unknown one (404) in Japanese', async () => {
    await seedDemoData(ctx.db);
    const malformed = await getDashboard('fiscalYear=2024&divisionId=abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'divisionId', message: '課の指定が正しくありません。' }],
    });

    const unknown = await getDashboard('divisionId=00000000-0000-4000-8000-0000000000ff');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: '指定された課が見つかりません。',
    });
  });

  it('keeps the filtered aggregates on indexes (enable_seqscan = off)', async () => {
    await seedDemoData(ctx.db);
    await ctx.db.execute(sql`analyze`);
    const { id } = await busiestDivision(ctx.db);
    const range = fiscalYearRange(2024);
    const plans = await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return [
        await queryPlan(tx, proposalAggregateQuery(2024, id)),
        await queryPlan(tx, realisationsQuery(range, id)),
        await queryPlan(tx, stampAggregateQuery(range, id)),
        await queryPlan(tx, activeSendersQuery(range, id)),
        await queryPlan(
          tx,
          stampMonthlyQuery(
            [{ month: '2024-04', start: range.start, end: new Date('2024-04-30T15:00:00Z') }],
            id,
          ),
        ),
      ];
    });
    for (const plan of plans) {
      expect(plan).toMatch(/Index|Bitmap/);
      expect(plan).not.toMatch(/Seq Scan/);
      expect(plan).toContain(id);
    }
  });
});
