import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

export const stampKinds = pgTable(
  'stamp_kinds',
  {
    code: text('code').primaryKey(),
    label: text('label').notNull(),
    emoji: text('emoji').notNull(),
    purpose: text('purpose').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps,
  },
  (t) => [check('stamp_kinds_purpose_check', sql`${t.purpose} in ('appreciation', 'one_on_one')`)],
);

export type StampKindRow = typeof stampKinds.$inferSelect;
