import {
  AppError,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
  formatPriorityProjectCode,
  priorityProjectStatusLabels,
  proposalCategoryLabels,
  reportGroupLabels,
  reportGroupOf,
  reportGroups,
  statusGroupReport,
  type Actor,
  type BreakdownRowDto,
  type DashboardDto,
  type ProposalCategory,
  type ProposalStatus,
  type ReportGroup,
  type StampDivisionCountDto,
  type StampKpiDto,
} from '#shared';
import type { Database } from '../../data/database';
import {
  aggregateProposals,
  aggregateRealisations,
  aggregateStamps,
  countActiveSenders,
  countStampsByMonth,
  findDivisionNames,
  findFiscalYearsWithData,
  findProjectSummaries,
  type MonthRange,
  type ProposalAggregateRow,
  type StampAggregateRow,
} from '../../data/repositories/dashboard-repository';
import { findStampKinds } from '../../data/repositories/stamps-repository';
import { visibilityOf } from '../proposals/proposal-access';

/** Divisions shown one by one; the rest are summed into one 「その他」 row. */
export const dashboardTopDivisions = 10;
const unsetDivisionLabel = '（所属未設定）';
const restLabel = 'その他';

export interface DashboardQuery {
  /** Absent: the current fiscal year. */
  fiscalYear?: number | undefined;
  /** A division's channel tab: only its proposals (by proposer) and stamps (by sender) are counted. */
  divisionId?: string | undefined;
  now?: Date;
}

/** First instant of a Tokyo calendar month (month 13 = January of the next year). */
const tokyoMonthStart = (year: number, month: number): Date =>
  new Date(Date.UTC(year, month - 1, 1) - 9 * 60 * 60 * 1000);

const emptyCounts = (): Record<ReportGroup, number> => ({ realised: 0, considering: 0, blocked: 0 });

/** Counts per report group for each key, sorted by total (then label); withdrawn and merged left out. */
const breakdown = (
  rows: ProposalAggregateRow[],
  keyOf: (row: ProposalAggregateRow) => string | null,
  labelOf: (key: string | null) => string,
): BreakdownRowDto[] => {
  const byKey = new Map<string | null, BreakdownRowDto>();
  for (const row of rows) {
    const group = reportGroupOf(row.status);
    if (!group) continue;
    const key = keyOf(row);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, label: labelOf(key), total: 0, counts: emptyCounts(), isRest: false };
      byKey.set(key, entry);
    }
    entry.counts[group] += row.count;
    entry.total += row.count;
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'ja'));
};

/** The first `limit` rows and one 「その他」 row summing the others. */
const topWithRest = (rows: BreakdownRowDto[], limit: number): BreakdownRowDto[] => {
  if (rows.length <= limit + 1) return rows;
  const rest: BreakdownRowDto = {
    key: null,
    label: restLabel,
    total: 0,
    counts: emptyCounts(),
    isRest: true,
  };
  for (const row of rows.slice(limit)) {
    rest.total += row.total;
    for (const group of reportGroups) rest.counts[group] += row.counts[group];
  }
  return [...rows.slice(0, limit), rest];
};

const stampKpis = (
  fiscalYear: number,
  monthlyRows: { month: string; count: number }[],
  rows: StampAggregateRow[],
  activeSenders: number,
  kinds: Awaited<ReturnType<typeof findStampKinds>>,
  divisionNames: Map<string, string>,
): StampKpiDto => {
  const byMonth = new Map(monthlyRows.map((row) => [row.month, row.count]));
  const byKind = new Map<string, number>();
  const divisions: StampDivisionCountDto[] = [];
  let total = 0;
  for (const row of rows) {
    if (row.dimension === 'kind') byKind.set(row.kind_code!, row.count);
    else if (row.dimension === 'division') {
      divisions.push({
        divisionId: row.division_id,
        label: row.division_id
          ? (divisionNames.get(row.division_id) ?? unsetDivisionLabel)
          : unsetDivisionLabel,
        count: row.count,
        isRest: false,
      });
    } else total = row.count;
  }
  divisions.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ja'));
  const bySenderDivision =
    divisions.length <= dashboardTopDivisions + 1
      ? divisions
      : [
          ...divisions.slice(0, dashboardTopDivisions),
          {
            divisionId: null,
            label: restLabel,
            count: divisions.slice(dashboardTopDivisions).reduce((sum, row) => sum + row.count, 0),
            isRest: true,
          },
        ];
  return {
    total,
    activeSenders,
    monthly: fiscalYearMonths(fiscalYear).map(({ month, label }) => ({
      month,
      label,
      count: byMonth.get(month) ?? 0,
    })),
    bySenderDivision,
    // Every kind the organisation defines (retired ones only when used this year), in its order.
    byKind: kinds
      .filter((kind) => kind.isActive || byKind.has(kind.code))
      .map((kind) => ({
        code: kind.code,
        label: kind.label,
        emoji: kind.emoji,
        isActive: kind.isActive,
        count: byKind.get(kind.code) ?? 0,
      })),
  };
};

/**
 * The published progress page (実現状況・アクションスタンプ・重点案件) of one fiscal year. Every
 * member of staff may read it: aggregates only, no personal data. The independent aggregates run in
 * parallel; the percentages come from statusGroupReport and nowhere else.
 */
export const getDashboard = async (
  db: Database,
  // Everyone may read the dashboard; what it counts of single proposals follows their visibility.
  actor: Actor,
  query: DashboardQuery = {},
): Promise<DashboardDto> => {
  const now = query.now ?? new Date();
  const currentFiscalYear = fiscalYearOf(now);
  const fiscalYear = query.fiscalYear ?? currentFiscalYear;
  const range = fiscalYearRange(fiscalYear);

  const months = fiscalYearMonths(fiscalYear);
  const monthRanges: MonthRange[] = months.map(({ month }) => {
    const [year, monthNo] = month.split('-').map(Number) as [number, number];
    return { month, start: tokyoMonthStart(year, monthNo), end: tokyoMonthStart(year, monthNo + 1) };
  });

  const [
    proposalRows,
    realisationRows,
    stampMonthRows,
    stampRows,
    activeSenders,
    kinds,
    divisionNames,
    years,
    projects,
  ] = await Promise.all([
    aggregateProposals(db, fiscalYear, query.divisionId),
    aggregateRealisations(db, range, query.divisionId),
    countStampsByMonth(db, monthRanges, query.divisionId),
    aggregateStamps(db, range, query.divisionId),
    countActiveSenders(db, range, query.divisionId),
    findStampKinds(db),
    findDivisionNames(db),
    findFiscalYearsWithData(db),
    findProjectSummaries(db, fiscalYear, visibilityOf(actor)),
  ]);
  const divisionName = query.divisionId ? divisionNames.get(query.divisionId) : undefined;
  if (query.divisionId && divisionName === undefined) {
    throw new AppError('NOT_FOUND', {
      message: `Division ${query.divisionId} not found`,
      userMessage: '指定された課が見つかりません。',
    });
  }

  const countsByStatus: Partial<Record<ProposalStatus, number>> = {};
  for (const row of proposalRows) {
    if (row.dimension === 'status') countsByStatus[row.status] = row.count;
  }
  const report = statusGroupReport(countsByStatus);

  const submissionsByMonth = new Map<string, number>();
  for (const row of proposalRows) {
    if (row.dimension === 'month' && reportGroupOf(row.status)) {
      submissionsByMonth.set(row.month!, (submissionsByMonth.get(row.month!) ?? 0) + row.count);
    }
  }
  const realisationsByMonth = new Map(realisationRows.map((row) => [row.month, row.count]));

  const divisionLabel = (id: string | null) =>
    id ? (divisionNames.get(id) ?? unsetDivisionLabel) : unsetDivisionLabel;

  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    division: query.divisionId ? { id: query.divisionId, name: divisionName! } : null,
    availableFiscalYears: [...new Set([...years, currentFiscalYear, fiscalYear])]
      .sort((a, b) => b - a)
      .map((year) => ({ fiscalYear: year, label: fiscalYearLabel(year) })),
    statusTable: {
      total: report.total,
      rows: report.rows.map((row) => ({ ...row, label: reportGroupLabels[row.group] })),
    },
    byProposerDivision: topWithRest(
      breakdown(
        proposalRows.filter((row) => row.dimension === 'division'),
        (row) => row.division_id,
        divisionLabel,
      ),
      dashboardTopDivisions,
    ),
    byCategory: breakdown(
      proposalRows.filter((row) => row.dimension === 'category'),
      (row) => row.category,
      (key) => proposalCategoryLabels[key as ProposalCategory] ?? key ?? restLabel,
    ),
    monthly: fiscalYearMonths(fiscalYear).map(({ month, label }) => ({
      month,
      label,
      submissions: submissionsByMonth.get(month) ?? 0,
      realisations: realisationsByMonth.get(month) ?? 0,
    })),
    stamps: stampKpis(fiscalYear, stampMonthRows, stampRows, activeSenders, kinds, divisionNames),
    priorityProjects: projects.map((project) => ({
      id: project.id,
      code: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
      themeNo: project.themeNo,
      themeTitle: project.themeTitle,
      itemNo: project.itemNo,
      title: project.title,
      status: project.status,
      statusLabel: priorityProjectStatusLabels[project.status],
      progress: project.progress,
      linkedProposalCount: project.linkedProposalCount,
    })),
    generatedAt: now.toISOString(),
  };
};
