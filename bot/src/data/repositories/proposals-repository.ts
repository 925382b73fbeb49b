import { and, asc, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError, isUuid, type ProposalListSortKey } from '#shared';
import { queryRows, type Executor } from '../database';
import { proposalListConditions, type ProposalListFilter } from './proposal-list-filter';
import {
  proposalCoProposers,
  proposalProjectLinks,
  proposals,
  type NewProposalRow,
  type ProposalRow,
} from '../schema/index';

/**
 * The columns the code reads. The search columns are left out: hundreds of grams and a copy of the
 * text per row, which would be sent and parsed for nothing.
 */
const {
  searchGrams: _grams,
  searchText: _text,
  searchTitle: _title,
  ...readColumns
} = getTableColumns(proposals);
export const proposalColumns = readColumns;

/** The proposal this proposer's request created, if any (another proposer's request id finds nothing). */
export const findProposalByClientRequestId = async (
  db: Executor,
  proposerId: string,
  clientRequestId: string,
): Promise<ProposalRow | undefined> => {
  const [row] = await db
    .select(proposalColumns)
    .from(proposals)
    .where(and(eq(proposals.proposerId, proposerId), eq(proposals.clientRequestId, clientRequestId)));
  return row;
};

export const getProposalRowById = async (db: Executor, id: string): Promise<ProposalRow> => {
  const [row] = isUuid(id)
    ? await db.select(proposalColumns).from(proposals).where(eq(proposals.id, id))
    : [];
  if (!row)
    throw new AppError('NOT_FOUND', {
      message: `Proposal ${id} not found`,
      userMessage: '提案が見つかりません。',
    });
  return row;
};

export const findProposalIdsByNumbers = async (
  db: Executor,
  numbers: string[],
): Promise<Map<string, string>> => {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select({ id: proposals.id, number: proposals.number })
    .from(proposals)
    .where(inArray(proposals.number, numbers));
  return new Map(rows.map((row) => [row.number, row.id]));
};

export type ProposalPatch = Partial<
  Pick<
    NewProposalRow,
    | 'status'
    | 'blockReason'
    | 'blockReasonNote'
    | 'revisitOn'
    | 'mergedIntoId'
    | 'answer'
    | 'answeredAt'
    | 'responsibleDivisionId'
    | 'horizon'
    | 'targetOn'
    | 'isPublished'
    | 'realisedAt'
    | 'title'
    | 'body'
    | 'category'
    | 'expectedEffect'
  >
>;

/** Optimistic concurrency: updates only if nobody changed the row since `expectedVersion`. */
export const updateProposalIfVersion = async (
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: ProposalPatch,
): Promise<ProposalRow | undefined> => {
  const [row] = await db
    .update(proposals)
    .set({ ...patch, version: sql`${proposals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(proposals.id, id), eq(proposals.version, expectedVersion)))
    .returning(proposalColumns);
  return row;
};

export const addCoProposers = async (db: Executor, proposalId: string, userIds: string[]): Promise<void> => {
  if (userIds.length === 0) return;
  await db
    .insert(proposalCoProposers)
    .values(userIds.map((userId) => ({ proposalId, userId })))
    .onConflictDoNothing();
};

export const addProjectLinks = async (
  db: Executor,
  proposalId: string,
  projectIds: string[],
  linkedBy: string | null,
): Promise<void> => {
  if (projectIds.length === 0) return;
  await db
    .insert(proposalProjectLinks)
    .values(projectIds.map((projectId) => ({ proposalId, projectId, linkedBy })))
    .onConflictDoNothing();
};

export const removeProjectLinks = async (
  db: Executor,
  proposalId: string,
  projectIds: string[],
): Promise<void> => {
  if (projectIds.length === 0) return;
  await db
    .delete(proposalProjectLinks)
    .where(
      and(
        eq(proposalProjectLinks.proposalId, proposalId),
        inArray(proposalProjectLinks.projectId, projectIds),
      ),
    );
};

// ---------------------------------------------------------------------------------------------------
// Listing and search

/** The sort keys are the API's (shared), so a key the tab may send always has an ORDER BY here. */
export type ProposalSortKey = ProposalListSortKey;

export interface ProposalPageRequest {
  page: number;
  pageSize: number;
  sort: ProposalSortKey;
  direction: 'asc' | 'desc';
}

/** Relevance: terms found in the title first, then newer first. */
const titleHits = (terms: string[]): SQL =>
  sql.join(
    terms.map((term) => sql`(strpos(${proposals.searchTitle}, app_search_normalize(${term})) > 0)::int`),
    sql` + `,
  );

const orderBy = (page: ProposalPageRequest, terms: string[]): SQL[] => {
  const dir = page.direction === 'asc' ? asc : desc;
  switch (page.sort) {
    case 'relevance':
      return terms.length > 0
        ? [desc(titleHits(terms)), desc(proposals.submittedAt), desc(proposals.number)]
        : [desc(proposals.submittedAt), desc(proposals.number)];
    case 'number':
      return [dir(proposals.fiscalYear), dir(proposals.sequence)];
    case 'status':
      return [dir(proposals.status), desc(proposals.submittedAt), desc(proposals.number)];
    case 'title':
      return [dir(proposals.title), dir(proposals.number)];
    case 'updatedAt':
      return [dir(proposals.updatedAt), dir(proposals.number)];
    case 'submittedAt':
      return [dir(proposals.submittedAt), dir(proposals.number)];
    case 'supportCount':
      return [dir(proposals.supportCount), dir(proposals.submittedAt), dir(proposals.number)];
  }
};

/** The two statements of a list page (exported so a test can EXPLAIN exactly what the list runs). */
export const proposalPageQueries = (db: Executor, filter: ProposalListFilter, page: ProposalPageRequest) => {
  const where = proposalListConditions(filter);
  return {
    ids: db
      .select({ id: proposals.id })
      .from(proposals)
      .where(where)
      .orderBy(...orderBy(page, filter.terms ?? []))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    total: db.select({ total: count() }).from(proposals).where(where),
  };
};

export const findProposalPage = async (
  db: Executor,
  filter: ProposalListFilter,
  page: ProposalPageRequest,
): Promise<{ ids: string[]; total: number }> => {
  const queries = proposalPageQueries(db, filter, page);
  const [idRows, [totalRow]] = await Promise.all([queries.ids, queries.total]);
  return { ids: idRows.map((row) => row.id), total: Number(totalRow?.total ?? 0) };
};

/**
 * How many proposals each filter selects (each the list's total without a page), in one statement:
 * one scalar subquery per filter, so each still reads its own index, with one round trip for all.
 */
export const countProposalsByFilter = async (
  db: Executor,
  filters: ProposalListFilter[],
): Promise<number[]> => {
  if (filters.length === 0) return [];
  const counts = filters.map((filter, index) => {
    const where = proposalListConditions(filter);
    return sql`(select count(*) from ${proposals}${where ? sql` where ${where}` : sql``})::int as ${sql.identifier(`c${index}`)}`;
  });
  const [row] = await queryRows<Record<string, number>>(db, sql`select ${sql.join(counts, sql`, `)}`);
  return filters.map((_filter, index) => Number(row?.[`c${index}`] ?? 0));
};
