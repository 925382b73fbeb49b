import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notificationPreferences, type AssignableRole, type NotificationPreference } from '#shared';
import { inList, timestamps } from './columns';
import { divisions } from './divisions';

/**
 * Staff known to the product. Teams users carry their Entra object id; people who only appear in an
 * imported list have none until they first use the app (matched by e-mail).
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    aadObjectId: text('aad_object_id').unique(),
    tenantId: text('tenant_id'),
    email: text('email'),
    displayName: text('display_name').notNull(),
    divisionId: uuid('division_id').references(() => divisions.id),
    /**
     * Roles beyond staff (everyone is staff) assigned in the database: 'office' (推進室), 'admin'.
     * Changed only together with a role_changes row (users-repository setUserRoles).
     */
    roles: text('roles')
      .array()
      .$type<AssignableRole[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * The roles the user's latest Entra token granted (app roles, office groups), as last seen: shown
     * to admins, never used to authorise (each request's own token does that).
     */
    entraRoles: text('entra_roles')
      .array()
      .$type<AssignableRole[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * The divisions (課) this user is the liaison (所管課担当) of, assigned in 権限管理: they see the
     * proposals assigned to those divisions, with their internal notes, and draft answers for the
     * office. Empty for nearly everyone.
     */
    liaisonDivisionIds: uuid('liaison_division_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /**
     * The divisions whose liaison the user's latest Entra token made them (AUTH_LIAISON_GROUPS), as
     * last seen, refreshed with `entra_roles`. Each tab request's own token authorises; this tells the
     * worker whom a division's notifications (assignments, the daily digest) also reach.
     */
    entraLiaisonDivisionIds: uuid('entra_liaison_division_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** When `entra_roles` was last confirmed by a token; null = never signed in through Entra. */
    entraRolesCheckedAt: timestamp('entra_roles_checked_at', { withTimezone: true }),
    /** When the division was last taken from the directory (Graph); null = never, or chosen by the user. */
    divisionCheckedAt: timestamp('division_checked_at', { withTimezone: true }),
    /**
     * The `department` the directory sync last saw for the user (through department_mappings it
     * names their division); kept so a name mapped later reaches the people waiting for it.
     */
    directoryDepartment: text('directory_department'),
    /**
     * How the person hears of proposals they follow (not of their own, which always arrive): at once,
     * in one card a day, or not at all.
     */
    notificationPreference: text('notification_preference')
      .$type<NotificationPreference>()
      .notNull()
      .default('daily'),
    ...timestamps,
    /** Name and e-mail normalised for the admins' Japanese search (app_search_normalize, migration 0000). */
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs(sql`app_search_normalize(display_name || ' ' || coalesce(email, ''))`),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    index('users_division_id_idx').on(t.divisionId),
    // A division's liaisons, for the notifications of an assignment.
    index('users_liaison_division_ids_idx').using('gin', t.liaisonDivisionIds),
    index('users_entra_liaison_division_ids_idx').using('gin', t.entraLiaisonDivisionIds),
    check('users_notification_preference_check', inList(t.notificationPreference, notificationPreferences)),
  ],
);

export type UserRow = typeof users.$inferSelect;
