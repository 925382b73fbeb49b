import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { priorityProjects } from './priority-projects';
import { proposals } from './proposals';
import { users } from './users';

export const proposalProjectLinks = pgTable(
  'proposal_project_links',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => priorityProjects.id, { onDelete: 'cascade' }),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.projectId] }),
    index('proposal_project_links_project_id_idx').on(t.projectId),
  ],
);
