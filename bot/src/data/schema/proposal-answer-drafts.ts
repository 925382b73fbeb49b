import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { proposalStatuses, type ProposalStatus } from '#shared';
import { inList } from './columns';
import { proposals } from './proposals';
import { users } from './users';

/**
 * A 所管課 liaison's draft of a proposal's answer and status, one per proposal, waiting for the
 * office: the office approves it (or edits it) through its triage, which alone tells the proposer.
 * A draft is internal (proposal-access.ts `canSeeInternal`) and is never sent by itself.
 */
export const proposalAnswerDrafts = pgTable(
  'proposal_answer_drafts',
  {
    proposalId: uuid('proposal_id')
      .primaryKey()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    status: text('status').$type<ProposalStatus>(),
    answer: text('answer'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'proposal_answer_drafts_status_check',
      sql`${t.status} is null or ${inList(t.status, proposalStatuses)}`,
    ),
  ],
);

export type ProposalAnswerDraftRow = typeof proposalAnswerDrafts.$inferSelect;
