import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { divisions } from './divisions';
import { priorityProjects } from './priority-projects';
import { proposals } from './proposals';
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
    /** 「この提案について」: the proposal the stamp thanks someone for (the sender could see it). */
    proposalId: uuid('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
    /** 「この重点案件について」: the priority project the stamp is about. */
    priorityProjectId: uuid('priority_project_id').references(() => priorityProjects.id, {
      onDelete: 'set null',
    }),
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
    // A proposal's thanks (its detail) and a project's; few stamps have either, so partial indexes.
    index('stamps_proposal_id_idx')
      .on(t.proposalId, t.sentAt)
      .where(sql`${t.proposalId} is not null`),
    index('stamps_priority_project_id_idx')
      .on(t.priorityProjectId, t.sentAt)
      .where(sql`${t.priorityProjectId} is not null`),
    // The dashboard's stamp KPIs filtered to stamps about a proposal or a project, by date.
    index('stamps_about_sent_at_idx')
      .on(t.sentAt, t.senderDivisionId)
      .where(sql`${t.proposalId} is not null or ${t.priorityProjectId} is not null`),
  ],
);

export type StampRow = typeof stamps.$inferSelect;
