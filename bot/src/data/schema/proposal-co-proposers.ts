import { index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { proposals } from './proposals';
import { users } from './users';

/** 共同提案者. */
export const proposalCoProposers = pgTable(
  'proposal_co_proposers',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.userId] }),
    index('proposal_co_proposers_user_id_idx').on(t.userId),
  ],
);
