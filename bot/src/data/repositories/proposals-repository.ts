import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  AppError,
  isUuid,
  type ProposalListSortKey,
  type BlockReason,
  type Horizon,
  type ProposalCategory,
  type ProposalDto,
  type ProposalStatus,
} from '#shared';
import type { Executor } from '../database';
import {
  divisions,
  proposalCoProposers,
  proposalCounters,
  proposalProjectLinks,
  proposals,
  users,
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
  ...proposalColumns
} = getTableColumns(proposals);

/**
 * Takes the next number of a fiscal year. Must run in the transaction that inserts the proposal: the
 * counter row stays locked until commit (concurrent submissions queue), and a rollback returns the number.
 */
export const nextProposalSequence = async (db: Executor, fiscalYear: number): Promise<number> => {
  const [row] = await db
    .insert(proposalCounters)
    .values({ fiscalYear, lastSequence: 1 })
    .onConflictDoUpdate({
      target: proposalCounters.fiscalYear,
      set: { lastSequence: sql`${proposalCounters.lastSequence} + 1` },
    })
    .returning({ sequence: proposalCounters.lastSequence });
  return row!.sequence;
};

/** After inserting explicit numbers (imports), the counter must not hand them out again. */
export const raiseProposalSequence = async (
  db: Executor,
  fiscalYear: number,
  atLeast: number,
): Promise<void> => {
  await db
    .insert(proposalCounters)
    .values({ fiscalYear, lastSequence: atLeast })
    .onConflictDoUpdate({
      target: proposalCounters.fiscalYear,
      set: { lastSequence: sql`greatest(${proposalCounters.lastSequence}, excluded.last_sequence)` },
    });
};

export const insertProposal = async (db: Executor, values: NewProposalRow): Promise<ProposalRow> => {
  const [row] = await db.insert(proposals).values(values).returning(proposalColumns);
  return row!;
};

export const findProposalByClientRequestId = async (
  db: Executor,
  clientRequestId: string,
): Promise<ProposalRow | undefined> => {
  const [row] = await db
    .select(proposalColumns)
    .from(proposals)
    .where(eq(proposals.clientRequestId, clientRequestId));
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

export const countProposalsByStatus = async (
  db: Executor,
  filter: { fiscalYear?: number } = {},
): Promise<Partial<Record<ProposalStatus, number>>> => {
  const rows = await db
    .select({ status: proposals.status, count: count() })
    .from(proposals)
    .where(filter.fiscalYear === undefined ? undefined : eq(proposals.fiscalYear, filter.fiscalYear))
    .groupBy(proposals.status);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
};

// ---------------------------------------------------------------------------------------------------
// Listing and search

export interface ProposalListFilter {
  fiscalYear?: number;
  statuses?: ProposalStatus[];
  category?: ProposalCategory;
  proposerDivisionId?: string;
  responsibleDivisionId?: string;
  priorityProjectId?: string;
  proposerId?: string;
  /** Search terms (see searchTerms in shared): all must appear. */
  terms?: string[];
  /** Staff see published proposals and their own (as proposer or co-proposer). */
  visibleToUserId?: string;
  submittedFrom?: Date;
  submittedBefore?: Date;
}

/** The sort keys are the API's (shared), so a key the tab may send always has an ORDER BY here. */
export type ProposalSortKey = ProposalListSortKey;

export interface ProposalPageRequest {
  page: number;
  pageSize: number;
  sort: ProposalSortKey;
  direction: 'asc' | 'desc';
}

/**
 * One search term: the GIN index over the grams narrows the candidates, the substring test on the
 * stored normalised text confirms them (all bigrams present does not mean the term is). A term shaped
 * like a proposal number also finds that proposal.
 */
export const termCondition = (term: string): SQL => {
  const textMatch = sql`(${proposals.searchGrams} @> app_search_query_grams(${term}) and strpos(${proposals.searchText}, app_search_normalize(${term})) > 0)`;
  return /^[A-Za-z]\d{1,2}-\d{4,6}$/.test(term)
    ? or(eq(proposals.number, term.toUpperCase()), textMatch)!
    : textMatch;
};

/** Proposals linked to a priority project (list and export filters). */
export const linkedToProjectCondition = (projectId: string): SQL =>
  inArray(
    proposals.id,
    sql`(select ${proposalProjectLinks.proposalId} from ${proposalProjectLinks} where ${proposalProjectLinks.projectId} = ${projectId})`,
  );

const listConditions = (filter: ProposalListFilter): SQL | undefined => {
  const conditions: (SQL | undefined)[] = [
    filter.fiscalYear === undefined ? undefined : eq(proposals.fiscalYear, filter.fiscalYear),
    filter.statuses?.length ? inArray(proposals.status, filter.statuses) : undefined,
    filter.category ? eq(proposals.category, filter.category) : undefined,
    filter.proposerDivisionId ? eq(proposals.proposerDivisionId, filter.proposerDivisionId) : undefined,
    filter.responsibleDivisionId
      ? eq(proposals.responsibleDivisionId, filter.responsibleDivisionId)
      : undefined,
    filter.proposerId ? eq(proposals.proposerId, filter.proposerId) : undefined,
    filter.submittedFrom ? gte(proposals.submittedAt, filter.submittedFrom) : undefined,
    filter.submittedBefore ? lt(proposals.submittedAt, filter.submittedBefore) : undefined,
    filter.priorityProjectId ? linkedToProjectCondition(filter.priorityProjectId) : undefined,
    filter.visibleToUserId
      ? or(
          eq(proposals.isPublished, true),
          eq(proposals.proposerId, filter.visibleToUserId),
          // = ANY(ARRAY(…)): computed once and matched through the primary key, so the three arms
          // combine as a bitmap OR of indexes (IN (subquery) would be a filter over every row).
          sql`${proposals.id} = any(array(select ${proposalCoProposers.proposalId} from ${proposalCoProposers} where ${proposalCoProposers.userId} = ${filter.visibleToUserId}))`,
        )
      : undefined,
    ...(filter.terms ?? []).map(termCondition),
  ];
  return and(...conditions.filter((condition): condition is SQL => condition !== undefined));
};

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
  }
};

/** The two statements of a list page (exported so a test can EXPLAIN exactly what the list runs). */
export const proposalPageQueries = (db: Executor, filter: ProposalListFilter, page: ProposalPageRequest) => {
  const where = listConditions(filter);
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

// ---------------------------------------------------------------------------------------------------
// DTOs

const proposerDivisions = alias(divisions, 'proposer_divisions');
const responsibleDivisions = alias(divisions, 'responsible_divisions');

/** The proposal columns a DTO is made of. */
export type ProposalDtoColumns = Omit<
  ProposalRow,
  'sequence' | 'answeredAt' | 'clientRequestId' | 'realisedAt' | 'createdAt'
>;

/** A proposal with the names and links joined to it: what loadProposalDtos reads. */
export interface ProposalDtoSource {
  proposal: ProposalDtoColumns;
  proposerDisplayName: string | null;
  proposerDivisionName: string | null;
  responsibleDivisionName: string | null;
  coProposers: { id: string; displayName: string }[];
  priorityProjectIds: string[];
}

/** The DTO of a proposal: for loadProposalDtos and for the one-statement submission alike. */
export const proposalDtoOf = (row: ProposalDtoSource): ProposalDto => {
  const { proposal: p, proposerDisplayName, proposerDivisionName, responsibleDivisionName } = row;
  return {
    id: p.id,
    number: p.number,
    fiscalYear: p.fiscalYear,
    title: p.title,
    body: p.body,
    category: p.category as ProposalCategory,
    expectedEffect: p.expectedEffect,
    proposer: p.proposerId ? { id: p.proposerId, displayName: proposerDisplayName ?? p.proposerName } : null,
    proposerName: p.proposerName,
    coProposers: row.coProposers,
    proposerDivision:
      p.proposerDivisionId && proposerDivisionName
        ? { id: p.proposerDivisionId, name: proposerDivisionName }
        : null,
    responsibleDivision:
      p.responsibleDivisionId && responsibleDivisionName
        ? { id: p.responsibleDivisionId, name: responsibleDivisionName }
        : null,
    horizon: p.horizon as Horizon | null,
    status: p.status as ProposalStatus,
    blockReason: p.blockReason as BlockReason | null,
    blockReasonNote: p.blockReasonNote,
    revisitOn: p.revisitOn,
    answer: p.answer,
    mergedIntoId: p.mergedIntoId,
    priorityProjectIds: row.priorityProjectIds,
    isPublished: p.isPublished,
    version: p.version,
    submittedAt: p.submittedAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
};

/** Full DTOs for the given ids, in the given order. */
export const loadProposalDtos = async (db: Executor, ids: string[]): Promise<ProposalDto[]> => {
  if (ids.length === 0) return [];
  // One query: co-proposers and project links come as JSON from correlated subqueries (each an index
  // lookup), which costs the server less than two more round trips cost this process.
  const rows = await db
    .select({
      proposal: proposalColumns,
      proposerDisplayName: users.displayName,
      proposerDivisionName: proposerDivisions.name,
      responsibleDivisionName: responsibleDivisions.name,
      coProposers: sql<{ id: string; displayName: string }[]>`coalesce((
        select json_agg(json_build_object('id', cu.id, 'displayName', cu.display_name) order by cu.display_name)
        from ${proposalCoProposers} cp join ${users} cu on cu.id = cp.user_id
        where cp.proposal_id = ${proposals.id}), '[]'::json)`,
      priorityProjectIds: sql<string[]>`coalesce((
        select json_agg(pl.project_id) from ${proposalProjectLinks} pl
        where pl.proposal_id = ${proposals.id}), '[]'::json)`,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(proposerDivisions, eq(proposerDivisions.id, proposals.proposerDivisionId))
    .leftJoin(responsibleDivisions, eq(responsibleDivisions.id, proposals.responsibleDivisionId))
    .where(inArray(proposals.id, ids));
  const byId = new Map(rows.map((row) => [row.proposal.id, proposalDtoOf(row)] as const));
  return ids.flatMap((id) => byId.get(id) ?? []);
};
