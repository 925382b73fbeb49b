import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departmentMappingStates, type DepartmentMappingState } from '#shared';
import { inList, timestamps } from './columns';
import { divisions } from './divisions';

/**
 * 「Entraの部署名 → 所属」: how the directory sync turns a user's Entra `department` into a division.
 * A name seen for the first time is stored as `pending` for an admin to review; it never creates a
 * division by itself.
 */
export const departmentMappings = pgTable(
  'department_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As Entra spells it, trimmed. */
    departmentName: text('department_name').notNull().unique(),
    state: text('state').$type<DepartmentMappingState>().notNull().default('pending'),
    divisionId: uuid('division_id').references(() => divisions.id),
    /** Users the directory last reported with this name. */
    userCount: integer('user_count').notNull().default(0),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('department_mappings_state_check', inList(t.state, departmentMappingStates)),
    check(
      'department_mappings_division_check',
      // Only a mapped name names a division, and a mapped one always does.
      sql`(${t.state} = 'mapped') = (${t.divisionId} is not null)`,
    ),
  ],
);

export type DepartmentMappingRow = typeof departmentMappings.$inferSelect;

/** Where the directory sync's Graph delta query left off (one row per kind of sync). */
export const directorySyncState = pgTable('directory_sync_state', {
  name: text('name').primaryKey(),
  /** The `@odata.deltaLink` of the last complete round; null = start over with a full read. */
  deltaLink: text('delta_link'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** What the last run did, for the admins' page. */
  lastResult: text('last_result'),
  ...timestamps,
});
