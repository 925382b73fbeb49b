import { boolean, check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { stampPurposes, type StampPurpose } from '#shared';
import { inList, timestamps } from './columns';

export const stampKinds = pgTable(
  'stamp_kinds',
  {
    code: text('code').primaryKey(),
    label: text('label').notNull(),
    emoji: text('emoji').notNull(),
    purpose: text('purpose').$type<StampPurpose>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps,
  },
  (t) => [check('stamp_kinds_purpose_check', inList(t.purpose, stampPurposes))],
);

export type StampKindRow = typeof stampKinds.$inferSelect;
