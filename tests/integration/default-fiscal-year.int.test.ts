import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type {
  DashboardDto,
  FiscalYearListDto,
  PriorityProjectDetailDto,
  PriorityProjectListDto,
} from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * A newcomer opens the demo in 令和8年度 (its data is 令和6年度): the dashboard, 重点案件 and the year
 * pickers open on the latest year with data and say so, and the R6重点案件 show the plan's progress.
 */
describe('the default fiscal year on the demo data, with the clock in 令和8年度', () => {
  const api = useSignedInApp(tabApiCast, { reset: 'once', now: () => new Date('2026-06-15T03:00:00Z') });
  const get = async <T>(url: string, who: 'staff' | 'office' = 'staff'): Promise<T> => {
    const response = await api.call(who, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };

  it('loads the demo', async () => {
    expect((await seedDemoData(api.ctx.db)).created).toBe(true);
  }, 120_000);

  it('opens the dashboard on 令和6年度 and says it is not the current year', async () => {
    const dashboard = await get<DashboardDto>('/api/dashboard');
    expect(dashboard).toMatchObject({
      fiscalYear: 2024,
      fiscalYearLabel: '令和6年度',
      currentFiscalYear: 2026,
      defaulted: true,
    });
    expect(dashboard.statusTable.total).toBe(648);
    // Years with data and the current one; not the empty 令和7年度.
    expect(dashboard.availableFiscalYears.map((year) => year.label)).toEqual(['令和8年度', '令和6年度']);
    // Asked for, the current year is shown as it is (empty), not replaced.
    expect(await get<DashboardDto>('/api/dashboard?fiscalYear=2026')).toMatchObject({
      fiscalYear: 2026,
      defaulted: false,
      statusTable: { total: 0 },
    });
  });

  it('opens 重点案件 on 令和6年度 and names it as the year to carry over', async () => {
    const list = await get<PriorityProjectListDto>('/api/priority-projects', 'office');
    expect(list).toMatchObject({
      fiscalYear: 2024,
      currentFiscalYear: 2026,
      defaulted: true,
      latestFiscalYearWithProjects: 2024,
    });
    expect(list.availableFiscalYears.map((year) => year.fiscalYear)).toEqual([2026, 2024]);
    const empty = await get<PriorityProjectListDto>('/api/priority-projects?fiscalYear=2026', 'office');
    expect(empty).toMatchObject({ themes: [], defaulted: false, latestFiscalYearWithProjects: 2024 });
  });

  it('lists the years with data for the proposal list', async () => {
    expect(await get<FiscalYearListDto>('/api/fiscal-years')).toEqual({
      currentFiscalYear: 2026,
      defaultFiscalYear: 2024,
      items: [
        { fiscalYear: 2026, label: '令和8年度' },
        { fiscalYear: 2024, label: '令和6年度' },
      ],
    });
  });

  it('shows the R6重点案件 with believable progress: status, %, dated milestones and reports', async () => {
    const dashboard = await get<DashboardDto>('/api/dashboard');
    const progress = dashboard.priorityProjects.map((project) => [
      project.code,
      project.statusLabel,
      project.progress,
    ]);
    expect(progress).toEqual([
      ['R6-1-1', '進行中', 60],
      ['R6-1-2', '進行中', 75],
      ['R6-1-3', '進行中', 35],
      ['R6-2-1', '完了', 100],
      ['R6-2-2', '保留', 40],
    ]);
    const detail = await get<PriorityProjectDetailDto>(
      `/api/priority-projects/${dashboard.priorityProjects[3]!.id}`,
    );
    expect(detail.ownerDivision?.name).toBe('財政課');
    expect(detail.milestones.every((milestone) => milestone.dueOn && milestone.done)).toBe(true);
    expect(detail.progressUpdates.map((update) => update.progress)).toEqual(
      expect.arrayContaining([40, 80, 100]),
    );
    expect(detail.progressUpdates.every((update) => update.note.length > 10 && update.author)).toBe(true);
    // Some proposals carry the division that owns them (所管課) and a horizon (期間).
    const [row] = await queryRows<{ owned: number; horizon: number }>(
      api.ctx.db,
      sql`select count(*) filter (where responsible_division_id is not null)::int as owned,
                 count(*) filter (where horizon is not null)::int as horizon from proposals`,
    );
    expect(row!.owned).toBeGreaterThan(100);
    expect(row!.horizon).toBeGreaterThan(100);
  });
});
