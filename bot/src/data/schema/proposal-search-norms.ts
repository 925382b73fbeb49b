import { doublePrecision, index, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { proposals } from './proposals';

/**
 * The length of each proposal's IDF-weighted bigram vector (the denominator of the similar check's
 * cosine), kept so a check does not look up the document frequency of every candidate's bigrams
 * (~1,600 index lookups, half of its time). `total` is the number of proposals the weights were taken
 * at: the worker's fold (app_fold_proposal_term_deltas, migration 0035) computes the norm of every
 * proposal it sees written, and refreshes, a batch at a time, the norms taken while the number of
 * proposals was more than a tenth away from today's. A proposal with no row yet is weighed in the check
 * itself.
 */
export const proposalSearchNorms = pgTable(
  'proposal_search_norms',
  {
    proposalId: uuid('proposal_id')
      .primaryKey()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    norm: doublePrecision('norm').notNull(),
    total: integer('total').notNull(),
  },
  (t) => [index('proposal_search_norms_total_idx').on(t.total)],
);
