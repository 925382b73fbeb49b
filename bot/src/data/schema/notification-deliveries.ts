import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inList, timestamps } from './columns';
import { users } from './users';

/**
 * queued: a job is on its way; sending: a worker holds it until `claimed_until`; pending: the user
 * has no 1:1 chat with the bot yet (re-queued when they install the app); sent / undeliverable
 * (blocked, conversation gone, rejected) / dead (retries exhausted) are final.
 */
export const notificationDeliveryStatuses = [
  'queued',
  'sending',
  'pending',
  'sent',
  'undeliverable',
  'dead',
] as const;
export type NotificationDeliveryStatus = (typeof notificationDeliveryStatuses)[number];

/**
 * One row per notification, keyed by the caller's dedupe key: written in the caller's transaction
 * together with its queue job (a second enqueue with the same key is a no-op) and the sent-marker
 * that keeps delivery exactly-once for the recipient when the queue redelivers a job. `payload` is
 * the message, opaque JSON here; it is dropped once the notification is sent or undeliverable.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    dedupeKey: text('dedupe_key').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<NotificationDeliveryStatus>().notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    /** Deliveries tried (claims by a worker), including the one that succeeded. */
    attempts: integer('attempts').notNull().default(0),
    /** A short code such as `http_503` or `blocked_403`; never message text or names. */
    lastError: text('last_error'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    conversationId: text('conversation_id'),
    activityId: text('activity_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('notification_deliveries_status_check', inList(t.status, notificationDeliveryStatuses)),
    index('notification_deliveries_user_id_status_idx').on(t.userId, t.status),
    index('notification_deliveries_status_idx').on(t.status, t.createdAt),
  ],
);

export type NotificationDeliveryRow = typeof notificationDeliveries.$inferSelect;
