import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

/**
 * 定型回答: answers the office gives again and again (e.g. to その他 proposals), with placeholders
 * such as {提案番号} and {所管課} filled in the status dialog before the office edits and saves.
 * Master data: every create, update and retirement is recorded in master_data_changes
 * (entity 'answer_template'); retired templates stay, so old records keep their meaning.
 */
export const answerTemplates = pgTable(
  'answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('answer_templates_active_title_idx').on(t.isActive, t.title)],
);

export type AnswerTemplateRow = typeof answerTemplates.$inferSelect;
