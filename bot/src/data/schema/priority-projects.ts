import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { priorityProjectStatuses, type PriorityProjectStatus } from '#shared';
import { inList, timestamps } from './columns';
import { divisions } from './divisions';

export interface Milestone {
  title: string;
  /** ISO date. */
  dueOn: string | null;
  done: boolean;
}

/** 重点案件 of a fiscal year: theme (1 業務の見直し…) → item (1-1 …). */
export const priorityProjects = pgTable(
  'priority_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    themeNo: integer('theme_no').notNull(),
    themeTitle: text('theme_title').notNull(),
    itemNo: integer('item_no').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerDivisionId: uuid('owner_division_id').references(() => divisions.id),
    status: text('status').$type<PriorityProjectStatus>().notNull().default('planned'),
    progress: integer('progress').notNull().default(0),
    milestones: jsonb('milestones').$type<Milestone[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique('priority_projects_fiscal_year_theme_no_item_no_key').on(t.fiscalYear, t.themeNo, t.itemNo),
    check('priority_projects_progress_check', sql`${t.progress} between 0 and 100`),
    check('priority_projects_status_check', inList(t.status, priorityProjectStatuses)),
    index('priority_projects_owner_division_id_idx').on(t.ownerDivisionId),
  ],
);

export type PriorityProjectRow = typeof priorityProjects.$inferSelect;
