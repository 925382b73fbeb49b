import { boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';

/** 所属 / 課: where staff work and which division owns a proposal's realisation. */
export const divisions = pgTable('divisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stable code from the personnel system, or the name when there is none. */
  code: text('code').notNull().unique(),
  name: text('name').notNull().unique(),
  /** 部局, e.g. 総務部. */
  department: text('department'),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  ...timestamps,
});

export type DivisionRow = typeof divisions.$inferSelect;
