import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './users';

/**
 * Where the bot can reach someone proactively. Stored on install and on every message (upsert);
 * uninstall or a 404 from Teams marks it inactive. `reference` is the Bot Framework
 * ConversationReference as JSON, opaque to everything but the Teams adapter.
 */
export const conversationReferences = pgTable(
  'conversation_references',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: text('conversation_id').notNull().unique(),
    conversationType: text('conversation_type').notNull(),
    tenantId: text('tenant_id'),
    userId: uuid('user_id').references(() => users.id),
    serviceUrl: text('service_url').notNull(),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('conversation_references_user_id_idx').on(t.userId, t.conversationType)],
);

export type ConversationReferenceRow = typeof conversationReferences.$inferSelect;
