import { and, desc, eq, notInArray, asc } from 'drizzle-orm';
import type { PriorityProjectStatus } from '#shared';
import type { Executor } from '../database';
import { proposalVisibleCondition, type ProposalVisibility } from './proposal-list-filter';
import { projectProgressUpdates, proposalProjectLinks, proposals, users } from '../schema/index';

export interface ProgressUpdateView {
  id: string;
  progress: number;
  status: PriorityProjectStatus;
  note: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}

/** A project's progress reports, newest first. */
export const findProgressUpdates = async (db: Executor, projectId: string): Promise<ProgressUpdateView[]> =>
  db
    .select({
      id: projectProgressUpdates.id,
      progress: projectProgressUpdates.progress,
      status: projectProgressUpdates.status,
      note: projectProgressUpdates.note,
      authorId: projectProgressUpdates.authorId,
      authorName: users.displayName,
      createdAt: projectProgressUpdates.createdAt,
    })
    .from(projectProgressUpdates)
    .leftJoin(users, eq(users.id, projectProgressUpdates.authorId))
    .where(eq(projectProgressUpdates.projectId, projectId))
    .orderBy(desc(projectProgressUpdates.createdAt), desc(projectProgressUpdates.id));

export const insertProgressUpdate = async (db: Executor, row: typeof projectProgressUpdates.$inferInsert) => {
  const [inserted] = await db.insert(projectProgressUpdates).values(row).returning();
  return inserted!;
};

/** Proposals linked to a project (withdrawn and merged left out) that the viewer may see, by number. */
export const findLinkedProposals = async (
  db: Executor,
  projectId: string,
  visibleTo: ProposalVisibility | undefined,
) =>
  db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, status: proposals.status })
    .from(proposalProjectLinks)
    .innerJoin(proposals, eq(proposals.id, proposalProjectLinks.proposalId))
    .where(
      and(
        eq(proposalProjectLinks.projectId, projectId),
        notInArray(proposals.status, ['withdrawn', 'merged']),
        visibleTo ? proposalVisibleCondition(visibleTo) : undefined,
      ),
    )
    .orderBy(asc(proposals.fiscalYear), asc(proposals.sequence));
