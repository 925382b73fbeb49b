import {
  AppError,
  defaultFiscalYear,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
  formatPriorityProjectCode,
  offeredFiscalYears,
  priorityProjectStatusLabels,
  reportGroupOf,
  type Actor,
  type DashboardDto,
  type ProposalStatus,
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
} from '../../data/repositories/dashboard-repository';
import { findCategories } from '../../data/repositories/master-data-repository';
import type { ProposalVisibility } from '../../data/repositories/proposal-list-filter';
import { findStampKinds } from '../../data/repositories/stamps-repository';
import { visibilityOf } from '../proposals/proposal-access';
import {
  breakdown,
  dashboardTopDivisions,
  divisionLabelOf,
  restLabel,
  topWithRest,
} from './dashboard-breakdowns';
import { stampKpis } from './dashboard-stamp-kpis';
import { statusTableOf } from './status-table';

export { dashboardTopDivisions } from './dashboard-breakdowns';

export interface DashboardQuery {
  /** Absent: the current fiscal year, or the latest with data while the current has none. */
  fiscalYear?: number | undefined;
  /** A division's channel tab: only its proposals (by proposer) and stamps (by sender) are counted. */
  divisionId?: string | undefined;
  now?: Date;
}

/** First instant of a Tokyo calendar month (month 13 = January of the next year). */
const tokyoMonthStart = (year: number, month: number): Date =>
  new Date(Date.UTC(year, month - 1, 1) - 9 * 60 * 60 * 1000);

/** The fiscal year's months as instants (Tokyo time), for counting stamps month by month. */
const monthRangesOf = (fiscalYear: number): MonthRange[] =>
  fiscalYearMonths(fiscalYear).map(({ month }) => {
    const [year, monthNo] = month.split('-').map(Number) as [number, number];
    return { month, start: tokyoMonthStart(year, monthNo), end: tokyoMonthStart(year, monthNo + 1) };
  });

/** The independent aggregates of one fiscal year (and division), run in parallel. */
const gatherAggregates = async (
  db: Database,
  fiscalYear: number,
  divisionId: string | undefined,
  visibleTo: ProposalVisibility | undefined,
) => {
  const range = fiscalYearRange(fiscalYear);
  const [
    proposalRows,
    realisationRows,
    stampMonthRows,
    stampRows,
    activeSenders,
    kinds,
    divisionNames,
    categories,
    projects,
  ] = await Promise.all([
    aggregateProposals(db, fiscalYear, divisionId),
    aggregateRealisations(db, range, divisionId),
    countStampsByMonth(db, monthRangesOf(fiscalYear), divisionId),
    aggregateStamps(db, range, divisionId),
    countActiveSenders(db, range, divisionId),
    findStampKinds(db),
    findDivisionNames(db),
    findCategories(db),
    findProjectSummaries(db, fiscalYear, visibleTo),
  ]);
  return {
    proposalRows,
    realisationRows,
    stampMonthRows,
    stampRows,
    activeSenders,
    kinds,
    divisionNames,
    // Retired categories keep their label in the statistics.
    categoryLabels: new Map(categories.map((category) => [category.code, category.label])),
    projects,
  };
};

type Aggregates = Awaited<ReturnType<typeof gatherAggregates>>;

/** The division a channel tab asks for, which must exist; null for the whole organisation. */
const requestedDivision = (divisionId: string | undefined, divisionNames: Map<string, string>) => {
  if (!divisionId) return null;
  const name = divisionNames.get(divisionId);
  if (name === undefined) {
    throw new AppError('NOT_FOUND', {
      message: `Division ${divisionId} not found`,
      userMessage: '指定された課が見つかりません。',
    });
  }
  return { id: divisionId, name };
};

/** The plan's table from the status rows of the aggregates (status-table.ts computes it). */
const statusTableFrom = (proposalRows: ProposalAggregateRow[]): DashboardDto['statusTable'] => {
  const countsByStatus: Partial<Record<ProposalStatus, number>> = {};
  for (const row of proposalRows) {
    if (row.dimension === 'status') countsByStatus[row.status] = row.count;
  }
  return statusTableOf(countsByStatus);
};

/** Submissions (counted proposals only) and realisations, month by month. */
const monthlyProposalsOf = (
  fiscalYear: number,
  { proposalRows, realisationRows }: Aggregates,
): DashboardDto['monthly'] => {
  const submissionsByMonth = new Map<string, number>();
  for (const row of proposalRows) {
    if (row.dimension === 'month' && reportGroupOf(row.status)) {
      submissionsByMonth.set(row.month!, (submissionsByMonth.get(row.month!) ?? 0) + row.count);
    }
  }
  const realisationsByMonth = new Map(realisationRows.map((row) => [row.month, row.count]));
  return fiscalYearMonths(fiscalYear).map(({ month, label }) => ({
    month,
    label,
    submissions: submissionsByMonth.get(month) ?? 0,
    realisations: realisationsByMonth.get(month) ?? 0,
  }));
};

const priorityProjectsOf = (projects: Aggregates['projects']): DashboardDto['priorityProjects'] =>
  projects.map((project) => ({
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
  }));

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
  const years = await findFiscalYearsWithData(db);
  const fiscalYear = query.fiscalYear ?? defaultFiscalYear(currentFiscalYear, years);
  const aggregates = await gatherAggregates(db, fiscalYear, query.divisionId, visibilityOf(actor));
  const { proposalRows, divisionNames } = aggregates;
  const division = requestedDivision(query.divisionId, divisionNames);

  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    division,
    availableFiscalYears: offeredFiscalYears(currentFiscalYear, years, fiscalYear),
    currentFiscalYear,
    defaulted: fiscalYear !== currentFiscalYear && query.fiscalYear === undefined,
    statusTable: statusTableFrom(proposalRows),
    byProposerDivision: topWithRest(
      breakdown(
        proposalRows.filter((row) => row.dimension === 'division'),
        (row) => row.division_id,
        divisionLabelOf(divisionNames),
      ),
      dashboardTopDivisions,
    ),
    byCategory: breakdown(
      proposalRows.filter((row) => row.dimension === 'category'),
      (row) => row.category,
      (key) => aggregates.categoryLabels.get(key ?? '') ?? key ?? restLabel,
    ),
    monthly: monthlyProposalsOf(fiscalYear, aggregates),
    stamps: stampKpis(
      fiscalYear,
      aggregates.stampMonthRows,
      aggregates.stampRows,
      aggregates.activeSenders,
      aggregates.kinds,
      divisionNames,
    ),
    priorityProjects: priorityProjectsOf(aggregates.projects),
    generatedAt: now.toISOString(),
  };
};
