import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { assignableRoles, type AssignableRole } from '#shared';
import { users } from './users';

/** `array['office', 'admin']`: the roles a database row may hold (shared's list). */
const assignableRolesArray = sql.raw(`array[${assignableRoles.map((role) => `'${role}'`).join(', ')}]`);

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
    rolesBefore: text('roles_before').array().$type<AssignableRole[]>().notNull(),
    rolesAfter: text('roles_after').array().$type<AssignableRole[]>().notNull(),
    /** Why, as the admin wrote it (optional). */
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('role_changes_user_id_idx').on(t.userId, t.createdAt),
    index('role_changes_created_at_idx').on(t.createdAt),
    check(
      'role_changes_roles_check',
      sql`${t.rolesBefore} <@ ${assignableRolesArray} and ${t.rolesAfter} <@ ${assignableRolesArray}`,
    ),
  ],
);

export type RoleChangeRow = typeof roleChanges.$inferSelect;
