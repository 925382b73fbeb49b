// A proposal as the API and cards see it (ProposalDto): its row with the proposer's and divisions'
// names, the co-proposers and the linked priority projects, read in one statement.
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ProposalDto } from '#shared';
import type { Executor } from '../database';
import {
  divisions,
  proposalCategories,
  proposalCoProposers,
  proposalFollows,
  proposalProjectLinks,
  proposalSupports,
  proposals,
  users,
  type ProposalRow,
} from '../schema/index';
import { proposalColumns } from './proposals-repository';

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
  /** Null only for a code missing from the list (the migration adds every stored one). */
  categoryLabel: string | null;
  coProposers: { id: string; displayName: string }[];
  priorityProjectIds: string[];
  /** Whether the person asking supports / follows it (false when nobody in particular asks). */
  supportedByMe?: boolean;
  followedByMe?: boolean;
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
    category: p.category,
    categoryLabel: row.categoryLabel ?? p.category,
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
    horizon: p.horizon,
    status: p.status,
    blockReason: p.blockReason,
    blockReasonNote: p.blockReasonNote,
    revisitOn: p.revisitOn,
    targetOn: p.targetOn,
    answer: p.answer,
    mergedIntoId: p.mergedIntoId,
    priorityProjectIds: row.priorityProjectIds,
    isPublished: p.isPublished,
    version: p.version,
    submittedAt: p.submittedAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    supportCount: p.supportCount,
    supportedByMe: row.supportedByMe ?? false,
    followedByMe: row.followedByMe ?? false,
  };
};

/**
 * Full DTOs for the given ids, in the given order. With `viewerId`, whether that person supports and
 * follows each (two primary-key probes a proposal); without, both false.
 */
export const loadProposalDtos = async (
  db: Executor,
  ids: string[],
  viewerId?: string,
): Promise<ProposalDto[]> => {
  if (ids.length === 0) return [];
  // One query: co-proposers and project links come as JSON from correlated subqueries (each an index
  // lookup), which costs the server less than two more round trips cost this process.
  const rows = await db
    .select({
      proposal: proposalColumns,
      proposerDisplayName: users.displayName,
      proposerDivisionName: proposerDivisions.name,
      responsibleDivisionName: responsibleDivisions.name,
      categoryLabel: proposalCategories.label,
      coProposers: sql<{ id: string; displayName: string }[]>`coalesce((
        select json_agg(json_build_object('id', cu.id, 'displayName', cu.display_name) order by cu.display_name)
        from ${proposalCoProposers} cp join ${users} cu on cu.id = cp.user_id
        where cp.proposal_id = ${proposals.id}), '[]'::json)`,
      priorityProjectIds: sql<string[]>`coalesce((
        select json_agg(pl.project_id) from ${proposalProjectLinks} pl
        where pl.proposal_id = ${proposals.id}), '[]'::json)`,
      supportedByMe: viewerId
        ? sql<boolean>`exists (select 1 from ${proposalSupports} s
            where s.proposal_id = ${proposals.id} and s.user_id = ${viewerId})`
        : sql<boolean>`false`,
      followedByMe: viewerId
        ? sql<boolean>`exists (select 1 from ${proposalFollows} f
            where f.proposal_id = ${proposals.id} and f.user_id = ${viewerId})`
        : sql<boolean>`false`,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(proposerDivisions, eq(proposerDivisions.id, proposals.proposerDivisionId))
    .leftJoin(responsibleDivisions, eq(responsibleDivisions.id, proposals.responsibleDivisionId))
    .leftJoin(proposalCategories, eq(proposalCategories.code, proposals.category))
    .where(inArray(proposals.id, ids));
  const byId = new Map(rows.map((row) => [row.proposal.id, proposalDtoOf(row)] as const));
  return ids.flatMap((id) => byId.get(id) ?? []);
};
