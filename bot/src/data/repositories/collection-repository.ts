import { and, asc, eq, gt, inArray, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ProposalStatus } from '#shared';
import type { Executor } from '../database';
import { divisions, priorityProjects, proposalProjectLinks, proposals } from '../schema/index';

/** One proposal of the 提案集 (the yearly collection), with names instead of ids. */
export interface CollectionRow {
  id: string;
  sequence: number;
  number: string;
  title: string;
  body: string;
  category: string;
  status: ProposalStatus;
  answer: string | null;
  /** The proposer's division when the proposal was submitted (proposer_division_id keeps it). */
  proposerDivisionName: string | null;
  responsibleDivisionName: string | null;
  projects: { fiscalYear: number; themeNo: number; itemNo: number; title: string }[];
  /** 賛同数 (supporters). */
  supportCount: number;
}

/** Statuses that leave the plan's count leave the collection too. */
const uncountedStatuses: ProposalStatus[] = ['withdrawn', 'merged'];

const proposerDivisions = alias(divisions, 'proposer_divisions');
const responsibleDivisions = alias(divisions, 'responsible_divisions');

/**
 * The next `limit` published, counted proposals of a fiscal year after a sequence number, in number
 * order. The range scan of `proposals_fiscal_year_sequence_key` reads one year's rows only (about
 * 10,000 at most) and the published test filters them; two queries per batch (proposals, project links).
 */
export const collectionBatchQuery = (
  db: Executor,
  fiscalYear: number,
  afterSequence: number,
  limit: number,
) =>
  db
    .select({
      id: proposals.id,
      sequence: proposals.sequence,
      number: proposals.number,
      title: proposals.title,
      body: proposals.body,
      category: proposals.category,
      status: proposals.status,
      answer: proposals.answer,
      proposerDivisionName: proposerDivisions.name,
      responsibleDivisionName: responsibleDivisions.name,
      supportCount: proposals.supportCount,
    })
    .from(proposals)
    .leftJoin(proposerDivisions, eq(proposerDivisions.id, proposals.proposerDivisionId))
    .leftJoin(responsibleDivisions, eq(responsibleDivisions.id, proposals.responsibleDivisionId))
    .where(
      and(
        eq(proposals.fiscalYear, fiscalYear),
        gt(proposals.sequence, afterSequence),
        eq(proposals.isPublished, true),
        notInArray(proposals.status, uncountedStatuses),
      ),
    )
    .orderBy(asc(proposals.fiscalYear), asc(proposals.sequence))
    .limit(limit);

/** The batch after `afterSequence` (see collectionBatchQuery), with each proposal's 重点案件. */
export const findCollectionBatch = async (
  db: Executor,
  fiscalYear: number,
  afterSequence: number,
  limit: number,
): Promise<CollectionRow[]> => {
  const rows = await collectionBatchQuery(db, fiscalYear, afterSequence, limit);
  if (rows.length === 0) return [];
  const projectRows = await db
    .select({
      proposalId: proposalProjectLinks.proposalId,
      fiscalYear: priorityProjects.fiscalYear,
      themeNo: priorityProjects.themeNo,
      itemNo: priorityProjects.itemNo,
      title: priorityProjects.title,
    })
    .from(proposalProjectLinks)
    .innerJoin(priorityProjects, eq(priorityProjects.id, proposalProjectLinks.projectId))
    .where(
      inArray(
        proposalProjectLinks.proposalId,
        rows.map((row) => row.id),
      ),
    );
  const projectsOf = new Map<string, CollectionRow['projects']>();
  for (const { proposalId, ...project } of projectRows) {
    const list = projectsOf.get(proposalId);
    if (list) list.push(project);
    else projectsOf.set(proposalId, [project]);
  }
  return rows.map((row) => ({
    ...row,
    projects: (projectsOf.get(row.id) ?? []).sort(
      (a, b) => a.fiscalYear - b.fiscalYear || a.themeNo - b.themeNo || a.itemNo - b.itemNo,
    ),
  }));
};
