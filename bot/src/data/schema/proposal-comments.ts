import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { proposals } from './proposals';
import { users } from './users';

/**
 * Comments on published proposals (services/comments/). Plain text, trimmed, 1–1,000 characters.
 * When the office hides one, its body moves to the append-only `comment_moderation_log` (with the
 * reason) and is cleared here, so no read path can serve it to staff; `hidden_*` say when, by whom,
 * why.
 */
export const proposalComments = pgTable(
  'proposal_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** Null once hidden (the audit log keeps it). */
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => users.id),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    index('proposal_comments_proposal_id_created_at_idx').on(t.proposalId, t.createdAt),
    // The per-user rate limit counts one author's recent comments.
    index('proposal_comments_author_id_created_at_idx').on(t.authorId, t.createdAt),
    check(
      'proposal_comments_body_check',
      sql`(${t.hiddenAt} is null and ${t.body} is not null and char_length(${t.body}) between 1 and 1000)
        or (${t.hiddenAt} is not null and ${t.body} is null and ${t.hiddenReason} is not null)`,
    ),
  ],
);

export type ProposalCommentRow = typeof proposalComments.$inferSelect;
