import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ProposalStatus } from '#shared';
import { queryRows, type Executor } from '../database';
import { divisions, priorityProjects, proposalCounters, proposals, stamps } from '../schema/index';

/**
 * The dashboard's aggregates, each one GROUP BY in SQL over an indexed range of one fiscal year:
 * proposals through (fiscal_year, …) and realised_at, stamps through
 * stamps_sent_at_idx. Measured on PostgreSQL with 100,660 proposals and 1,003,000 stamps (331,103 in
 * the year): the whole dashboard in 220–320 ms; a covering stamps index was not chosen by the planner
 * (stamps arrive in sent_at order, so the heap is perfectly correlated) and was left out. The builders are
 * exported so a test can EXPLAIN exactly the statements the dashboard runs.
 */

/** Statuses that leave the plan's count (withdrawn, merged): SQL literal list for FILTER clauses. */
const uncounted = sql`('withdrawn', 'merged')`;
/**
 * Per project row: linked proposals that count, through proposal_project_links_project_id_idx.
 * Written with explicit qualifiers: drizzle leaves columns unqualified in one-table selects, which
 * would bind `id` to the subquery's own tables.
 */
export const linkedProposalCountSql = sql<number>`(
  select count(*)::int from proposal_project_links ppl
  join proposals lp on lp.id = ppl.proposal_id
  where ppl.project_id = "priority_projects"."id" and lp.status not in ${uncounted}
)`;
const realisedStatuses = sql`('settled', 'realised')`;

const tokyoMonth = (column: AnyPgColumn) => sql`to_char(${column} at time zone 'Asia/Tokyo', 'YYYY-MM')`;

/**
 * One pass over a fiscal year's proposals, grouped four ways: by status (the plan's table), and by
 * status within proposer division, category and submission month. `dimension` names the set.
 */
export const proposalAggregateQuery = (fiscalYear: number): SQL => sql`
  select
    case
      when grouping(${proposals.proposerDivisionId}) = 0 then 'division'
      when grouping(${proposals.category}) = 0 then 'category'
      when grouping(${tokyoMonth(proposals.submittedAt)}) = 0 then 'month'
      else 'status'
    end as dimension,
    ${proposals.status} as status,
    ${proposals.proposerDivisionId}::text as division_id,
    ${proposals.category} as category,
    ${tokyoMonth(proposals.submittedAt)} as month,
    count(*)::int as count
  from ${proposals}
  where ${proposals.fiscalYear} = ${fiscalYear}
  group by grouping sets (
    (${proposals.status}),
    (${proposals.status}, ${proposals.proposerDivisionId}),
    (${proposals.status}, ${proposals.category}),
    (${proposals.status}, ${tokyoMonth(proposals.submittedAt)})
  )`;

/** Proposals that reached 実現見込み / 実現完了 in a period, per Tokyo month, whatever year they came from. */
export const realisationsQuery = (range: { start: Date; end: Date }): SQL => sql`
  select ${tokyoMonth(proposals.realisedAt)} as month, count(*)::int as count
  from ${proposals}
  where ${proposals.realisedAt} >= ${range.start.toISOString()}::timestamptz
    and ${proposals.realisedAt} < ${range.end.toISOString()}::timestamptz
    and ${proposals.status} in ${realisedStatuses}
  group by 1`;

export interface MonthRange {
  /** `2024-04` */
  month: string;
  start: Date;
  end: Date;
}

/**
 * Stamps per month as one index range count per month: grouping by a month expression of sent_at
 * would be planned as a sort of the whole year (the planner takes the expression for as distinct as
 * sent_at), while twelve counts are index-only scans of stamps_sent_at_idx.
 */
export const stampMonthlyQuery = (months: MonthRange[]): SQL => sql`
  select m.month, (
    select count(*)::int from ${stamps}
    where ${stamps.sentAt} >= m.start and ${stamps.sentAt} < m.finish
  ) as count
  from (values ${sql.join(
    months.map(
      (month) =>
        sql`(${month.month}::text, ${month.start.toISOString()}::timestamptz, ${month.end.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  )}) as m(month, start, finish)`;

/** Stamps of a period by sender division and by kind in one pass; the empty set carries the total. */
export const stampAggregateQuery = (range: { start: Date; end: Date }): SQL => sql`
  select
    case
      when grouping(${stamps.senderDivisionId}) = 0 then 'division'
      when grouping(${stamps.kindCode}) = 0 then 'kind'
      else 'total'
    end as dimension,
    ${stamps.senderDivisionId}::text as division_id,
    ${stamps.kindCode} as kind_code,
    count(*)::int as count
  from ${stamps}
  where ${stamps.sentAt} >= ${range.start.toISOString()}::timestamptz
    and ${stamps.sentAt} < ${range.end.toISOString()}::timestamptz
  group by grouping sets ((${stamps.senderDivisionId}), (${stamps.kindCode}), ())`;

/** Distinct senders of a period, hashed (count(distinct …) would sort every stamp of the year). */
export const activeSendersQuery = (range: { start: Date; end: Date }): SQL => sql`
  select count(*)::int as count from (
    select ${stamps.senderId} from ${stamps}
    where ${stamps.sentAt} >= ${range.start.toISOString()}::timestamptz
      and ${stamps.sentAt} < ${range.end.toISOString()}::timestamptz
    group by ${stamps.senderId}
  ) as senders`;

export interface ProposalAggregateRow {
  dimension: 'status' | 'division' | 'category' | 'month';
  status: ProposalStatus;
  division_id: string | null;
  category: string | null;
  month: string | null;
  count: number;
}

export const aggregateProposals = (db: Executor, fiscalYear: number) =>
  queryRows<ProposalAggregateRow>(db, proposalAggregateQuery(fiscalYear));

export const aggregateRealisations = (db: Executor, range: { start: Date; end: Date }) =>
  queryRows<{ month: string; count: number }>(db, realisationsQuery(range));

export interface StampAggregateRow {
  dimension: 'division' | 'kind' | 'total';
  division_id: string | null;
  kind_code: string | null;
  count: number;
}

export const aggregateStamps = (db: Executor, range: { start: Date; end: Date }) =>
  queryRows<StampAggregateRow>(db, stampAggregateQuery(range));

export const countStampsByMonth = (db: Executor, months: MonthRange[]) =>
  queryRows<{ month: string; count: number }>(db, stampMonthlyQuery(months));

export const countActiveSenders = async (
  db: Executor,
  range: { start: Date; end: Date },
): Promise<number> => {
  const [row] = await queryRows<{ count: number }>(db, activeSendersQuery(range));
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
  status: string;
  progress: number;
  linkedProposalCount: number;
}

/** The fiscal year's projects with the number of linked proposals that count. */
export const findProjectSummaries = async (
  db: Executor,
  fiscalYear: number,
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
      linkedProposalCount: linkedProposalCountSql,
    })
    .from(priorityProjects)
    .where(eq(priorityProjects.fiscalYear, fiscalYear))
    .orderBy(asc(priorityProjects.themeNo), asc(priorityProjects.itemNo));
  return rows.map((row) => ({ ...row, linkedProposalCount: Number(row.linkedProposalCount) }));
};
