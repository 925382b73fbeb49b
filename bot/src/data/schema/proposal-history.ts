import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { HistoryAction, HistoryChanges } from '#shared';
import { proposals } from './proposals';
import { users } from './users';

export type { HistoryChanges };

/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE), one row per change,
 * written in the same transaction as the change itself.
 */
export const proposalHistory = pgTable(
  'proposal_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    /** Null for the system (imports without a known actor, scheduled jobs). */
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').$type<HistoryAction>().notNull(),
    changes: jsonb('changes').$type<HistoryChanges>().notNull().default({}),
    comment: text('comment'),
    /**
     * Whether the comment is for the proposers' eyes too (a proposer's own reason for a withdrawal).
     * False, the default, makes it an internal note (内部メモ): the office's comments are never sent to
     * proposers. Adding the column with this default made every earlier comment internal without
     * touching a row (migration history_comment_visibility), as the append-only rule requires.
     */
    commentPublic: boolean('comment_public').notNull().default(false),
    /** The office signed the answer of this change: the actor's name is shown to the proposers. */
    signed: boolean('signed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_history_proposal_id_idx').on(t.proposalId, t.createdAt)],
);

export type ProposalHistoryRow = typeof proposalHistory.$inferSelect;
