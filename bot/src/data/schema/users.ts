import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
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
    /** Roles beyond staff (everyone is staff): 'office' (推進室), 'admin'. */
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** When the division was last taken from the directory (Graph); null = never, or chosen by the user. */
    divisionCheckedAt: timestamp('division_checked_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    index('users_division_id_idx').on(t.divisionId),
  ],
);

export type UserRow = typeof users.$inferSelect;
