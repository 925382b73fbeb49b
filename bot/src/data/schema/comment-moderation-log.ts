import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList } from './columns';
import { proposalComments } from './proposal-comments';
import { users } from './users';

/** What the office did to a comment: hid it, or dismissed its reports. */
export const commentModerationActions = ['hidden', 'reports_dismissed'] as const;
export type CommentModerationAction = (typeof commentModerationActions)[number];

/**
 * The audit trail of comment moderation: append-only (a trigger refuses UPDATE and DELETE), written
 * in the same transaction as the change. A hiding keeps the comment's body as it was (`body`), which
 * only the office reads.
 */
export const commentModerationLog = pgTable(
  'comment_moderation_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => proposalComments.id),
    action: text('action').$type<CommentModerationAction>().notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason'),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('comment_moderation_log_comment_id_idx').on(t.commentId, t.createdAt),
    check('comment_moderation_log_action_check', inList(t.action, commentModerationActions)),
  ],
);

export type CommentModerationLogRow = typeof commentModerationLog.$inferSelect;
