import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_history_proposal_id_idx').on(t.proposalId, t.createdAt)],
);

export type ProposalHistoryRow = typeof proposalHistory.$inferSelect;
