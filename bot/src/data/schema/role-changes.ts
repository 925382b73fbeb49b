import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The audit trail of database roles (office, admin): append-only (a trigger refuses UPDATE and
 * DELETE, migration 0008), one row per change, written in the same transaction as the change.
 * Roles granted by Entra (app roles, groups) are not changed here and are not recorded here.
 */
export const roleChanges = pgTable(
  'role_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Null for the system (demo data, development sign-in). */
    actorId: uuid('actor_id').references(() => users.id),
    /** The user's database roles before and after, sorted ('office', 'admin'). */
    rolesBefore: text('roles_before').array().notNull(),
    rolesAfter: text('roles_after').array().notNull(),
    /** Why, as the admin wrote it (optional). */
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('role_changes_user_id_idx').on(t.userId, t.createdAt),
    index('role_changes_created_at_idx').on(t.createdAt),
    check(
      'role_changes_roles_check',
      sql`${t.rolesBefore} <@ array['office', 'admin'] and ${t.rolesAfter} <@ array['office', 'admin']`,
    ),
  ],
);

export type RoleChangeRow = typeof roleChanges.$inferSelect;
