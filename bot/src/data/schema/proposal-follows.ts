import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { followSources, type FollowSource } from '#shared';
import { inList } from './columns';
import { proposals } from './proposals';
import { users } from './users';

/**
 * フォロー: who hears of a proposal's progress (follower_updates). One row per person and proposal;
 * `source` says why: 'support' (added and removed with the 賛同), 'co_proposer', 'manual' (the
 * person's own choice, which a 賛同 or its withdrawal never overrides).
 */
export const proposalFollows = pgTable(
  'proposal_follows',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    source: text('source').$type<FollowSource>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.userId] }),
    check('proposal_follows_source_check', inList(t.source, followSources)),
    index('proposal_follows_user_id_idx').on(t.userId),
  ],
);
