import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The similar check's postings: which open proposals (not withdrawn or merged) hold each bigram, for the
 * bigrams held by at most `app_search_postings_cap()` proposals (3,000; the check only ever looks up
 * bigrams rarer than its postings bound of 1,500). Keyed by (term, proposal_id), so the check reads a
 * bigram's proposals from the index alone: through the gram index it visited one table page per
 * proposal found (~1,450 pages for a draft at 100,000 proposals, two thirds of its time).
 *
 * Derived data, kept by the worker's fold (app_fold_proposal_term_deltas, migration 0038) from the
 * proposals the triggers name in proposal_term_deltas; the check reads proposals not folded yet from
 * there. `app_rebuild_proposal_term_counts()` recomputes it. No foreign key: a cascade would need a
 * second index as large as the first; the fold removes a deleted proposal's postings (a bulk delete of more
 * than 100,000 (bigram, proposal) pairs leaves them to the rebuild; the check skips them).
 */
export const proposalTermPostings = pgTable(
  'proposal_term_postings',
  {
    term: text('term').notNull(),
    proposalId: uuid('proposal_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.proposalId] })],
);
