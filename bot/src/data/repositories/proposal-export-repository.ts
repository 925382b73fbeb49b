import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../database';
import { proposalListConditions, type ProposalListFilter } from './proposal-list-filter';
import {
  divisions,
  priorityProjects,
  proposalCoProposers,
  proposalProjectLinks,
  proposals,
  users,
} from '../schema/index';

/** Where the previous batch ended: exports page by (fiscal year, sequence), the unique key. */
export interface ProposalExportCursor {
  fiscalYear: number;
  sequence: number;
}

/** One proposal flattened for a file: names instead of ids, co-proposers and project codes resolved. */
export interface ProposalExportRow {
  id: string;
  fiscalYear: number;
  sequence: number;
  number: string;
  submittedAt: Date;
  title: string;
  body: string;
  category: string;
  expectedEffect: string | null;
  proposerName: string;
  proposerEmail: string | null;
  proposerDivisionName: string | null;
  coProposers: { displayName: string; email: string | null }[];
  responsibleDivisionName: string | null;
  horizon: string | null;
  status: string;
  blockReason: string | null;
  blockReasonNote: string | null;
  revisitOn: string | null;
  answer: string | null;
  mergedIntoNumber: string | null;
  projects: { fiscalYear: number; themeNo: number; itemNo: number }[];
  isPublished: boolean;
  realisedAt: Date | null;
}

const proposerDivisions = alias(divisions, 'proposer_divisions');
const responsibleDivisions = alias(divisions, 'responsible_divisions');
const mergeTargets = alias(proposals, 'merge_targets');

/** The list's filter (visibility included), after the cursor. */
const exportConditions = (filter: ProposalListFilter, after: ProposalExportCursor | undefined) =>
  and(
    proposalListConditions(filter),
    after
      ? sql`(${proposals.fiscalYear}, ${proposals.sequence}) > (${after.fiscalYear}::int, ${after.sequence}::int)`
      : undefined,
  );

/**
 * The next `limit` proposals after a cursor, in number order. Three indexed queries per batch (rows,
 * co-proposers, project links), so an export of 100,000 proposals is a hundred round trips, not
 * 100,000. Co-proposers and projects are sorted here, not by the database's collation, so the same
 * data gives the same file on every server.
 */
export const findProposalExportBatch = async (
  db: Executor,
  filter: ProposalListFilter,
  after: ProposalExportCursor | undefined,
  limit: number,
): Promise<ProposalExportRow[]> => {
  const rows = await db
    .select({
      id: proposals.id,
      fiscalYear: proposals.fiscalYear,
      sequence: proposals.sequence,
      number: proposals.number,
      submittedAt: proposals.submittedAt,
      title: proposals.title,
      body: proposals.body,
      category: proposals.category,
      expectedEffect: proposals.expectedEffect,
      proposerName: proposals.proposerName,
      proposerEmail: users.email,
      proposerDivisionName: proposerDivisions.name,
      responsibleDivisionName: responsibleDivisions.name,
      horizon: proposals.horizon,
      status: proposals.status,
      blockReason: proposals.blockReason,
      blockReasonNote: proposals.blockReasonNote,
      revisitOn: proposals.revisitOn,
      answer: proposals.answer,
      mergedIntoNumber: mergeTargets.number,
      isPublished: proposals.isPublished,
      realisedAt: proposals.realisedAt,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(proposerDivisions, eq(proposerDivisions.id, proposals.proposerDivisionId))
    .leftJoin(responsibleDivisions, eq(responsibleDivisions.id, proposals.responsibleDivisionId))
    .leftJoin(mergeTargets, eq(mergeTargets.id, proposals.mergedIntoId))
    .where(exportConditions(filter, after))
    .orderBy(asc(proposals.fiscalYear), asc(proposals.sequence))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // One after the other: the executor may be a transaction, which runs one query at a time.
  const coProposerRows = await db
    .select({
      proposalId: proposalCoProposers.proposalId,
      displayName: users.displayName,
      email: users.email,
    })
    .from(proposalCoProposers)
    .innerJoin(users, eq(users.id, proposalCoProposers.userId))
    .where(inArray(proposalCoProposers.proposalId, ids));
  const projectRows = await db
    .select({
      proposalId: proposalProjectLinks.proposalId,
      fiscalYear: priorityProjects.fiscalYear,
      themeNo: priorityProjects.themeNo,
      itemNo: priorityProjects.itemNo,
    })
    .from(proposalProjectLinks)
    .innerJoin(priorityProjects, eq(priorityProjects.id, proposalProjectLinks.projectId))
    .where(inArray(proposalProjectLinks.proposalId, ids));
  const coProposersOf = groupBy(coProposerRows, (row) => row.proposalId);
  const projectsOf = groupBy(projectRows, (row) => row.proposalId);
  const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.map((row) => ({
    ...row,
    coProposers: (coProposersOf.get(row.id) ?? [])
      .map(({ displayName, email }) => ({ displayName, email }))
      .sort(
        (a, b) => byCodePoints(a.displayName, b.displayName) || byCodePoints(a.email ?? '', b.email ?? ''),
      ),
    projects: (projectsOf.get(row.id) ?? [])
      .map(({ fiscalYear, themeNo, itemNo }) => ({ fiscalYear, themeNo, itemNo }))
      .sort((a, b) => a.fiscalYear - b.fiscalYear || a.themeNo - b.themeNo || a.itemNo - b.itemNo),
  }));
};

const groupBy = <T>(items: T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};
