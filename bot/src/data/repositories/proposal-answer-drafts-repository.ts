import { eq } from 'drizzle-orm';
import type { ProposalStatus } from '#shared';
import type { Executor } from '../database';
import { proposalAnswerDrafts, users } from '../schema/index';

/** Writes a proposal's draft (one per proposal: a new draft replaces the last). */
export const saveAnswerDraft = async (
  db: Executor,
  draft: { proposalId: string; status: ProposalStatus | null; answer: string | null; authorId: string },
): Promise<void> => {
  const values = { ...draft, updatedAt: new Date() };
  await db
    .insert(proposalAnswerDrafts)
    .values(values)
    .onConflictDoUpdate({ target: proposalAnswerDrafts.proposalId, set: values });
};

/** The draft with its author's name, if there is one. */
export const findAnswerDraft = async (db: Executor, proposalId: string) => {
  const [row] = await db
    .select({
      status: proposalAnswerDrafts.status,
      answer: proposalAnswerDrafts.answer,
      authorId: proposalAnswerDrafts.authorId,
      authorName: users.displayName,
      updatedAt: proposalAnswerDrafts.updatedAt,
    })
    .from(proposalAnswerDrafts)
    .innerJoin(users, eq(users.id, proposalAnswerDrafts.authorId))
    .where(eq(proposalAnswerDrafts.proposalId, proposalId))
    .for('update', { of: proposalAnswerDrafts });
  return row;
};

export const deleteAnswerDraft = async (db: Executor, proposalId: string): Promise<void> => {
  await db.delete(proposalAnswerDrafts).where(eq(proposalAnswerDrafts.proposalId, proposalId));
};
