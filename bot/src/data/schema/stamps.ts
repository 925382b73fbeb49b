import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { divisions } from './divisions';
import { stampKinds } from './stamp-kinds';
import { users } from './users';

/**
 * One row per recipient. Divisions are copied at send time so KPIs per division and month stay
 * true after people move. Sender + `request_id` + recipient makes a retried send idempotent.
 */
export const stamps = pgTable(
  'stamps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kindCode: text('kind_code')
      .notNull()
      .references(() => stampKinds.code),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    senderDivisionId: uuid('sender_division_id').references(() => divisions.id),
    recipientDivisionId: uuid('recipient_division_id').references(() => divisions.id),
    message: text('message'),
    requestId: text('request_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    /** A retried send stores nothing twice; the key is the sender's own (another sender's finds nothing). */
    unique('stamps_sender_id_request_id_recipient_id_key').on(t.senderId, t.requestId, t.recipientId),
    check('stamps_not_self_check', sql`${t.senderId} <> ${t.recipientId}`),
    index('stamps_sent_at_idx').on(t.sentAt),
    index('stamps_sender_id_idx').on(t.senderId, t.sentAt),
    index('stamps_recipient_id_idx').on(t.recipientId, t.sentAt),
    index('stamps_sender_division_id_idx').on(t.senderDivisionId, t.sentAt),
    index('stamps_kind_code_idx').on(t.kindCode, t.sentAt),
  ],
);

export type StampRow = typeof stamps.$inferSelect;
