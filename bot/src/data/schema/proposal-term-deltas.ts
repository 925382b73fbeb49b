import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Changes to proposal_term_counts not folded into it yet: one row per writing statement (the triggers
 * on proposals, migration 0034), its bigrams and how many proposals each gained or lost. Append-only,
 * so concurrent submissions share no row and never wait for each other here; the worker folds the rows
 * into the counts every 2 s (foldProposalTermCounts). No key: rows are only ever inserted, and deleted
 * by the fold. `proposal_ids` are the proposals written, whose search norms the fold computes
 * (proposal_search_norms, migration 0035).
 */
export const proposalTermDeltas = pgTable('proposal_term_deltas', {
  terms: text('terms').array().notNull(),
  deltas: integer('deltas').array().notNull(),
  proposalIds: uuid('proposal_ids').array().notNull().default([]),
});
