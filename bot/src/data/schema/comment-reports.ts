import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { proposalComments } from './proposal-comments';
import { users } from './users';

/**
 * Reports (通報) of comments to the office: one per comment and person. Open until the office hides
 * the comment or dismisses its reports (`resolved_*`).
 */
export const commentReports = pgTable(
  'comment_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => proposalComments.id),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    unique('comment_reports_comment_id_reporter_id_unique').on(t.commentId, t.reporterId),
    // The per-user rate limit counts one reporter's recent reports.
    index('comment_reports_reporter_id_created_at_idx').on(t.reporterId, t.createdAt),
    // The cap on the office's notices counts the comments first reported in the last day.
    index('comment_reports_created_at_idx').on(t.createdAt),
    // The office's queue: open reports only.
    index('comment_reports_open_idx')
      .on(t.commentId, t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

export type CommentReportRow = typeof commentReports.$inferSelect;
