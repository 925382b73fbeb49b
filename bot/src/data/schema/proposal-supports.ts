import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { proposals } from './proposals';
import { users } from './users';

/**
 * 賛同: one row per person and proposal (the primary key makes a repeated click a no-op). The count
 * is kept in `proposals.support_count` in the same transaction (services/engagement/supports.ts).
 */
export const proposalSupports = pgTable(
  'proposal_supports',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.userId] }),
    /** What a person supports, newest first. */
    index('proposal_supports_user_id_idx').on(t.userId, t.createdAt.desc()),
  ],
);
