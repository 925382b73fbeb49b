import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { divisionKinds, type DivisionKind } from '#shared';
import { inList, timestamps } from './columns';

/**
 * 所属 / 課: where staff work and which division owns a proposal's realisation. The organisation is a
 * tree (部局 → 課・室, 出先機関) through `parent_id`. A division is never deleted: proposals and stamps
 * keep the division they were made in, so a retired division stays (inactive) and a merged one names
 * the division that took over its references.
 */
export const divisions = pgTable(
  'divisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable code from the personnel system, or the name when there is none. */
    code: text('code').notNull().unique(),
    name: text('name').notNull().unique(),
    kind: text('kind').$type<DivisionKind>().notNull().default('division'),
    parentId: uuid('parent_id').references((): AnyPgColumn => divisions.id),
    sortOrder: integer('sort_order').notNull().default(0),
    /** False once retired (or merged): offered for no new assignment. */
    isActive: boolean('is_active').notNull().default(true),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => divisions.id),
    ...timestamps,
  },
  (t) => [
    check('divisions_kind_check', inList(t.kind, divisionKinds)),
    check('divisions_not_own_parent_check', sql`${t.parentId} <> ${t.id}`),
    index('divisions_parent_id_idx').on(t.parentId),
  ],
);

export type DivisionRow = typeof divisions.$inferSelect;
