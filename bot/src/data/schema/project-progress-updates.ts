import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PriorityProjectStatus } from '#shared';
import { priorityProjects } from './priority-projects';
import { users } from './users';

/** Progress reports posted by the project team; the project row holds the latest figures. */
export const projectProgressUpdates = pgTable(
  'project_progress_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => priorityProjects.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id),
    progress: integer('progress').notNull(),
    status: text('status').$type<PriorityProjectStatus>().notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('project_progress_updates_progress_check', sql`${t.progress} between 0 and 100`),
    index('project_progress_updates_project_id_idx').on(t.projectId, t.createdAt),
  ],
);
