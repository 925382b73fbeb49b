import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The audit trail of master data (組織, 職員の所属, 分類, スタンプ種別, 定型回答, mappings …): who changed
 * what, when, with the record before and after. Append-only (a trigger refuses UPDATE and DELETE),
 * written in the same transaction as the change. `entity` names the kind of record (e.g. 'division',
 * 'category', 'stamp_kind'); `entityKey` its id or code; `before` is null for an insert.
 */
export const masterDataChanges = pgTable(
  'master_data_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entity: text('entity').notNull(),
    entityKey: text('entity_key').notNull(),
    /** 'create' | 'update' | 'retire' | 'merge' | … as the service names it. */
    action: text('action').notNull(),
    /** Null for the system (migrations, demo data, directory sync). */
    actorId: uuid('actor_id').references(() => users.id),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('master_data_changes_entity_idx').on(t.entity, t.entityKey, t.createdAt),
    index('master_data_changes_created_at_idx').on(t.createdAt),
  ],
);

export type MasterDataChangeRow = typeof masterDataChanges.$inferSelect;
