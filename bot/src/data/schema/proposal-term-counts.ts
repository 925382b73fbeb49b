import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Document frequencies for similar-proposal detection: for every character bigram of the proposals'
 * search text (the two-character elements of `proposals.search_grams`), the number of proposals that
 * contain it; the row with the empty term holds the number of proposals. Kept by triggers on proposals
 * (migration 0013: statement-level for inserts and deletes, so a bulk import counts each term once;
 * row-level for edits of the text), so no write path can forget it; since migration 0034 the triggers
 * append their changes to proposal_term_deltas and the worker folds them in every 2 s, so the counts are
 * exact once folded and submissions never wait for each other on these shared rows. Derived data:
 * `app_rebuild_proposal_term_counts()` recomputes it from scratch.
 *
 * The similar check (similar-proposals-repository.ts) weights a draft's bigrams by their rarity here,
 * looks up only the rarest ones in proposal_term_postings and scores a bounded candidate set.
 */
export const proposalTermCounts = pgTable('proposal_term_counts', {
  term: text('term').primaryKey(),
  proposals: integer('proposals').notNull(),
});
