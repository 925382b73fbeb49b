import { boolean, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

/**
 * 分類 of proposals: organisation data the office adds, renames, reorders and retires. Proposals keep
 * the code; a retired category stays on its proposals and in the statistics but is offered no more.
 * The label is unique, as CSV files name categories by label.
 */
export const proposalCategories = pgTable(
  'proposal_categories',
  {
    code: text('code').primaryKey(),
    label: text('label').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps,
  },
  (t) => [unique('proposal_categories_label_key').on(t.label)],
);

export type ProposalCategoryRow = typeof proposalCategories.$inferSelect;
