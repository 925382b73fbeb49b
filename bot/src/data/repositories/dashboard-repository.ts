import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PriorityProjectStatus, ProposalStatus } from '#shared';
import { queryRows, type Executor } from '../database';
import { proposalVisibleCondition, type ProposalVisibility } from './proposal-list-filter';
import {
  divisions,
  priorityProjects,
  proposalCounters,
  proposalCountsByDivision,
  proposalCountsByMonth,
  proposalRealisationCounts,
  stampCountsByMonth,
  stampSendersByYear,
  stamps,
} from '../schema/index';

/**
 * The dashboard's aggregates, read from the count tables the triggers of migration 0007 keep exact in
 * every writing transaction (schema/dashboard-counts.ts): a fiscal year is a few thousand count rows
 * instead of its proposals and stamps. Measured on PostgreSQL with 100,000 proposals and 1,000,000
 * stamps: grouping the base tables took 220–320 ms per dashboard; see docs/benchmarks.md for now.
 * The builders are exported so a test can EXPLAIN exactly the statements the dashboard runs.
 */

/** Statuses that leave the plan's count (withdrawn, merged): SQL literal list for FILTER clauses. */
const uncounted = sql`('withdrawn', 'merged')`;
/**
 * Per project row: linked proposals that count and the viewer may see (absent `visibleTo`: all),
 * through proposal_project_links_project_id_idx. Written with explicit qualifiers: drizzle leaves
 * columns unqualified in one-table selects, which would bind `id` to the subquery's own tables.
 */
export const linkedProposalCountSql = (visibleTo: ProposalVisibility | undefined) => sql<number>`(
  select count(*)::int from proposal_project_links ppl
  join proposals on proposals.id = ppl.proposal_id
  where ppl.project_id = "priority_projects"."id" and proposals.status not in ${uncounted}
  ${visibleTo ? sql`and ${proposalVisibleCondition(visibleTo)}` : sql``}
)`;
const realisedStatuses = sql`('settled', 'realised')`;

/** A division's own figures (its channel tab): `and <column> = <id>`, or nothing for the whole organisation. */
const divisionFilter = (column: AnyPgColumn, divisionId: string | undefined): SQL =>
  divisionId ? sql` and ${column} = ${divisionId}::uuid` : sql``;

/** `[first month, month after the last)` of a range on Tokyo month boundaries (a fiscal year). */
const monthsOf = (range: { start: Date; end: Date }) => ({
  from: sql`app_tokyo_month(${range.start.toISOString()}::timestamptz)`,
  until: sql`app_tokyo_month(${range.end.toISOString()}::timestamptz)`,
});

const divisionCounts = proposalCountsByDivision;

/**
 * A fiscal year's proposals by status, and by status within proposer division, category and
 * submission month (`dimension` names the set), from the count tables.
 */
export const proposalAggregateQuery = (fiscalYear: number, divisionId?: string): SQL => {
  const where = sql`${divisionCounts.fiscalYear} = ${fiscalYear}${divisionFilter(divisionCounts.proposerDivisionId, divisionId)}`;
  const monthWhere = sql`${proposalCountsByMonth.fiscalYear} = ${fiscalYear}${divisionFilter(proposalCountsByMonth.proposerDivisionId, divisionId)}`;
  return sql`
  select 'division' as dimension, ${divisionCounts.status} as status, ${divisionCounts.proposerDivisionId}::text as division_id,
         null::text as category, null::text as month, sum(${divisionCounts.count})::int as count
  from ${divisionCounts} where ${where}
  group by ${divisionCounts.status}, ${divisionCounts.proposerDivisionId} having sum(${divisionCounts.count}) > 0
  union all
  select 'category', ${divisionCounts.status}, null, ${divisionCounts.category}, null, sum(${divisionCounts.count})::int
  from ${divisionCounts} where ${where}
  group by ${divisionCounts.status}, ${divisionCounts.category} having sum(${divisionCounts.count}) > 0
  union all
  select 'status', ${divisionCounts.status}, null, null, null, sum(${divisionCounts.count})::int
  from ${divisionCounts} where ${where}
  group by ${divisionCounts.status} having sum(${divisionCounts.count}) > 0
  union all
  select 'month', ${proposalCountsByMonth.status}, null, null, to_char(${proposalCountsByMonth.month}, 'YYYY-MM'),
         sum(${proposalCountsByMonth.count})::int
  from ${proposalCountsByMonth} where ${monthWhere}
  group by ${proposalCountsByMonth.status}, ${proposalCountsByMonth.month} having sum(${proposalCountsByMonth.count}) > 0`;
};

/**
 * A fiscal year's proposals by status over the whole organisation, from the same count table as the
 * dashboard's `status` dimension (the 提案集 prints the dashboard's figures).
 */
export const countProposalsByStatus = async (
  db: Executor,
  fiscalYear: number,
): Promise<Partial<Record<ProposalStatus, number>>> => {
  const rows = await db
    .select({ status: divisionCounts.status, count: sql<number>`sum(${divisionCounts.count})::int` })
    .from(divisionCounts)
    .where(eq(divisionCounts.fiscalYear, fiscalYear))
    .groupBy(divisionCounts.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
};

/** Proposals that reached 実現見込み / 実現完了 in a period, per Tokyo month, whatever year they came from. */
export const realisationsQuery = (range: { start: Date; end: Date }, divisionId?: string): SQL => {
  const { from, until } = monthsOf(range);
  const t = proposalRealisationCounts;
  return sql`
  select to_char(${t.month}, 'YYYY-MM') as month, sum(${t.count})::int as count
  from ${t}
  where ${t.month} >= ${from} and ${t.month} < ${until}
    and ${t.status} in ${realisedStatuses}${divisionFilter(t.proposerDivisionId, divisionId)}
  group by ${t.month} having sum(${t.count}) > 0`;
};

export interface MonthRange {
  /** `2024-04` */
  month: string;
  start: Date;
  end: Date;
}

/** Stamps per Tokyo month. */
export const stampMonthlyQuery = (months: MonthRange[], divisionId?: string): SQL => {
  const t = stampCountsByMonth;
  return sql`
  select to_char(${t.month}, 'YYYY-MM') as month, sum(${t.count})::int as count
  from ${t}
  where ${t.month} in (${sql.join(
    months.map((month) => sql`${`${month.month}-01`}::date`),
    sql`, `,
  )})${divisionFilter(t.senderDivisionId, divisionId)}
  group by ${t.month}`;
};

/** Stamps of a period by sender division and by kind; the empty set carries the total. */
export const stampAggregateQuery = (range: { start: Date; end: Date }, divisionId?: string): SQL => {
  const { from, until } = monthsOf(range);
  const t = stampCountsByMonth;
  return sql`
  select
    case
      when grouping(${t.senderDivisionId}) = 0 then 'division'
      when grouping(${t.kindCode}) = 0 then 'kind'
      else 'total'
    end as dimension,
    ${t.senderDivisionId}::text as division_id,
    ${t.kindCode} as kind_code,
    coalesce(sum(${t.count}), 0)::int as count
  from ${t}
  where ${t.month} >= ${from} and ${t.month} < ${until}${divisionFilter(t.senderDivisionId, divisionId)}
  group by grouping sets ((${t.senderDivisionId}), (${t.kindCode}), ())
  having sum(${t.count}) > 0 or grouping(${t.senderDivisionId}, ${t.kindCode}) = 3`;
};

/** Distinct senders of a fiscal year (the range's), from the yearly sender list. */
export const activeSendersQuery = (range: { start: Date; end: Date }, divisionId?: string): SQL => {
  const t = stampSendersByYear;
  return sql`
  select count(distinct ${t.senderId})::int as count from ${t}
  where ${t.fiscalYear} = app_tokyo_fiscal_year(${range.start.toISOString()}::timestamptz)${divisionFilter(t.senderDivisionId, divisionId)}`;
};

export interface ProposalAggregateRow {
  dimension: 'status' | 'division' | 'category' | 'month';
  status: ProposalStatus;
  division_id: string | null;
  category: string | null;
  month: string | null;
  count: number;
}

export const aggregateProposals = (db: Executor, fiscalYear: number, divisionId?: string) =>
  queryRows<ProposalAggregateRow>(db, proposalAggregateQuery(fiscalYear, divisionId));

export const aggregateRealisations = (db: Executor, range: { start: Date; end: Date }, divisionId?: string) =>
  queryRows<{ month: string; count: number }>(db, realisationsQuery(range, divisionId));

export interface StampAggregateRow {
  dimension: 'division' | 'kind' | 'total';
  division_id: string | null;
  kind_code: string | null;
  count: number;
}

export const aggregateStamps = (db: Executor, range: { start: Date; end: Date }, divisionId?: string) =>
  queryRows<StampAggregateRow>(db, stampAggregateQuery(range, divisionId));

export const countStampsByMonth = (db: Executor, months: MonthRange[], divisionId?: string) =>
  queryRows<{ month: string; count: number }>(db, stampMonthlyQuery(months, divisionId));

export const countActiveSenders = async (
  db: Executor,
  range: { start: Date; end: Date },
  divisionId?: string,
): Promise<number> => {
  const [row] = await queryRows<{ count: number }>(db, activeSendersQuery(range, divisionId));
  return Number(row?.count ?? 0);
};

/** Fiscal years that have proposals (their numbering counter) or priority projects. */
export const findFiscalYearsWithData = async (db: Executor): Promise<number[]> => {
  const rows = await queryRows<{ fiscal_year: number }>(
    db,
    sql`select ${proposalCounters.fiscalYear} as fiscal_year from ${proposalCounters}
          where ${proposalCounters.lastSequence} > 0
        union
        select distinct ${priorityProjects.fiscalYear} from ${priorityProjects}`,
  );
  return rows.map((row) => Number(row.fiscal_year));
};

export const findDivisionNames = async (db: Executor): Promise<Map<string, string>> => {
  const rows = await db.select({ id: divisions.id, name: divisions.name }).from(divisions);
  return new Map(rows.map((row) => [row.id, row.name]));
};

export interface ProjectSummaryRow {
  id: string;
  fiscalYear: number;
  themeNo: number;
  themeTitle: string;
  itemNo: number;
  title: string;
  status: PriorityProjectStatus;
  progress: number;
  linkedProposalCount: number;
}

/** The fiscal year's projects with the number of linked proposals that count. */
export const findProjectSummaries = async (
  db: Executor,
  fiscalYear: number,
  visibleTo: ProposalVisibility | undefined,
): Promise<ProjectSummaryRow[]> => {
  const rows = await db
    .select({
      id: priorityProjects.id,
      fiscalYear: priorityProjects.fiscalYear,
      themeNo: priorityProjects.themeNo,
      themeTitle: priorityProjects.themeTitle,
      itemNo: priorityProjects.itemNo,
      title: priorityProjects.title,
      status: priorityProjects.status,
      progress: priorityProjects.progress,
      linkedProposalCount: linkedProposalCountSql(visibleTo),
    })
    .from(priorityProjects)
    .where(eq(priorityProjects.fiscalYear, fiscalYear))
    .orderBy(asc(priorityProjects.themeNo), asc(priorityProjects.itemNo));
  return rows.map((row) => ({ ...row, linkedProposalCount: Number(row.linkedProposalCount) }));
};

export interface SubjectStampAggregateRow {
  dimension: 'division' | 'kind' | 'month' | 'total';
  division_id: string | null;
  kind_code: string | null;
  month: string | null;
  count: number;
  senders: number;
}

/**
 * Stamps about a proposal or a 重点案件 (「この提案について」) of a period, from the stamps themselves
 * (few; the partial index stamps_about_sent_at_idx): by sender division, kind and Tokyo month, and the
 * total with its distinct senders, as one grouped statement.
 */
export const subjectStampAggregateQuery = (range: { start: Date; end: Date }, divisionId?: string): SQL => {
  const month = sql`to_char(${stamps.sentAt} at time zone 'Asia/Tokyo', 'YYYY-MM')`;
  return sql`
  select
    case
      when grouping(${stamps.senderDivisionId}) = 0 then 'division'
      when grouping(${stamps.kindCode}) = 0 then 'kind'
      when grouping(${month}) = 0 then 'month'
      else 'total'
    end as dimension,
    ${stamps.senderDivisionId}::text as division_id,
    ${stamps.kindCode} as kind_code,
    ${month} as month,
    count(*)::int as count,
    count(distinct ${stamps.senderId})::int as senders
  from ${stamps}
  where (${stamps.proposalId} is not null or ${stamps.priorityProjectId} is not null)
    and ${stamps.sentAt} >= ${range.start.toISOString()}::timestamptz
    and ${stamps.sentAt} < ${range.end.toISOString()}::timestamptz${divisionFilter(stamps.senderDivisionId, divisionId)}
  group by grouping sets ((${stamps.senderDivisionId}), (${stamps.kindCode}), (${month}), ())`;
};

export const aggregateSubjectStamps = (
  db: Executor,
  range: { start: Date; end: Date },
  divisionId?: string,
) => queryRows<SubjectStampAggregateRow>(db, subjectStampAggregateQuery(range, divisionId));
