import { and, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ProposalCategory, ProposalQueueKey, ProposalStatus } from '#shared';
import { proposalCoProposers, proposalProjectLinks, proposals } from '../schema/index';
import { proposalQueueConditions, type QueueContext } from './proposal-queue-filters';

/**
 * Whose view a list is: staff see published proposals, their own (as proposer or co-proposer) and,
 * as liaisons (所管課担当), those assigned to their divisions.
 */
export interface ProposalVisibility {
  userId: string;
  liaisonDivisionIds?: readonly string[];
}

/** Which proposals a list, a count or an export holds. The one filter of every proposal query. */
export interface ProposalListFilter {
  fiscalYear?: number;
  statuses?: ProposalStatus[];
  category?: ProposalCategory;
  /** null: proposals submitted without a division (所属未設定). */
  proposerDivisionId?: string | null;
  responsibleDivisionId?: string;
  priorityProjectId?: string;
  /** Proposed or co-proposed by this user (マイ提案, the bot's 自分の提案). */
  authorId?: string;
  /** Search terms (see searchTerms in shared): all must appear. */
  terms?: string[];
  /** Absent: every proposal (the office's view). */
  visibleTo?: ProposalVisibility;
  /** Published proposals only: what a shared conversation may be shown, whoever asks. */
  publishedOnly?: boolean;
  /** Realised (or settled) within [from, before). */
  realisedFrom?: Date;
  realisedBefore?: Date;
  submittedFrom?: Date;
  submittedBefore?: Date;
  /** A work queue (proposal-queue-filters.ts), judged with its context (moment, divisions). */
  queue?: { key: ProposalQueueKey; context: QueueContext };
}

/**
 * One search term: the GIN index over the grams narrows the candidates, the substring test on the
 * stored normalised text confirms them (all bigrams present does not mean the term is). A term shaped
 * like a proposal number also finds that proposal.
 */
const termCondition = (term: string): SQL => {
  const textMatch = sql`(${proposals.searchGrams} @> app_search_query_grams(${term}) and strpos(${proposals.searchText}, app_search_normalize(${term})) > 0)`;
  return /^[A-Za-z]\d{1,2}-\d{4,6}$/.test(term)
    ? or(eq(proposals.number, term.toUpperCase()), textMatch)!
    : textMatch;
};

/** Proposals linked to a priority project. */
const linkedToProjectCondition = (projectId: string): SQL =>
  inArray(
    proposals.id,
    sql`(select ${proposalProjectLinks.proposalId} from ${proposalProjectLinks} where ${proposalProjectLinks.projectId} = ${projectId})`,
  );

// = ANY(ARRAY(…)): computed once and matched through the primary key, so the arms of an OR combine
// as a bitmap OR of indexes (IN (subquery) would be a filter over every row).
const coProposedBy = (userId: string): SQL =>
  sql`${proposals.id} = any(array(select ${proposalCoProposers.proposalId} from ${proposalCoProposers} where ${proposalCoProposers.userId} = ${userId}))`;

/** Proposed or co-proposed by the user. */
const authoredBy = (userId: string): SQL => or(eq(proposals.proposerId, userId), coProposedBy(userId))!;

/** The visibility rule as a condition on `proposals` (see services/proposals/proposal-access.ts). */
export const proposalVisibleCondition = ({ userId, liaisonDivisionIds = [] }: ProposalVisibility): SQL =>
  or(
    eq(proposals.isPublished, true),
    eq(proposals.proposerId, userId),
    coProposedBy(userId),
    liaisonDivisionIds.length > 0
      ? inArray(proposals.responsibleDivisionId, [...liaisonDivisionIds])
      : undefined,
  )!;

/** The WHERE clause of a filter; undefined when it selects everything. */
export const proposalListConditions = (filter: ProposalListFilter): SQL | undefined => {
  const conditions: (SQL | undefined)[] = [
    filter.fiscalYear === undefined ? undefined : eq(proposals.fiscalYear, filter.fiscalYear),
    filter.statuses?.length ? inArray(proposals.status, filter.statuses) : undefined,
    filter.category ? eq(proposals.category, filter.category) : undefined,
    filter.proposerDivisionId === null
      ? isNull(proposals.proposerDivisionId)
      : filter.proposerDivisionId
        ? eq(proposals.proposerDivisionId, filter.proposerDivisionId)
        : undefined,
    filter.responsibleDivisionId
      ? eq(proposals.responsibleDivisionId, filter.responsibleDivisionId)
      : undefined,
    filter.authorId ? authoredBy(filter.authorId) : undefined,
    filter.submittedFrom ? gte(proposals.submittedAt, filter.submittedFrom) : undefined,
    filter.submittedBefore ? lt(proposals.submittedAt, filter.submittedBefore) : undefined,
    filter.priorityProjectId ? linkedToProjectCondition(filter.priorityProjectId) : undefined,
    filter.visibleTo ? proposalVisibleCondition(filter.visibleTo) : undefined,
    filter.publishedOnly ? eq(proposals.isPublished, true) : undefined,
    filter.realisedFrom ? gte(proposals.realisedAt, filter.realisedFrom) : undefined,
    filter.realisedBefore ? lt(proposals.realisedAt, filter.realisedBefore) : undefined,
    filter.queue ? proposalQueueConditions[filter.queue.key](filter.queue.context) : undefined,
    ...(filter.terms ?? []).map(termCondition),
  ];
  return and(...conditions.filter((condition): condition is SQL => condition !== undefined));
};
