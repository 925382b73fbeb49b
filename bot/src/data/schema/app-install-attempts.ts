import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Proactive installations of the app that someone's stamp asked for (Microsoft Graph): one person may
 * trigger only so many a day, and nobody gets the app pushed more than once a day.
 */
export const appInstallAttempts = pgTable(
  'app_install_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    targetUserId: uuid('target_user_id')
      .notNull()
      .references(() => users.id),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('app_install_attempts_requested_by_idx').on(t.requestedBy, t.attemptedAt),
    index('app_install_attempts_target_user_id_idx').on(t.targetUserId, t.attemptedAt),
  ],
);
