import { integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * Last proposal sequence per fiscal year. Incremented in the proposal's own transaction, so the row
 * lock serialises concurrent submissions and a rolled-back submission gives its number back: no gaps.
 */
export const proposalCounters = pgTable('proposal_counters', {
  fiscalYear: integer('fiscal_year').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
});
