import { asc } from 'drizzle-orm';
import type { StampKind, StampPurpose } from '#shared';
import type { Executor } from '../database';
import { stampKinds, stamps } from '../schema/index';

/** Inserts the kinds that do not exist yet; kinds the office edited or retired stay as they are. */
export const insertMissingStampKinds = async (db: Executor, kinds: readonly StampKind[]): Promise<void> => {
  if (kinds.length === 0) return;
  await db
    .insert(stampKinds)
    .values([...kinds])
    .onConflictDoNothing();
};

export const findStampKinds = async (db: Executor): Promise<StampKind[]> => {
  const rows = await db.select().from(stampKinds).orderBy(asc(stampKinds.sortOrder), asc(stampKinds.code));
  return rows.map((row) => ({
    code: row.code,
    label: row.label,
    emoji: row.emoji,
    purpose: row.purpose as StampPurpose,
    isActive: row.isActive,
    sortOrder: row.sortOrder,
  }));
};

export type NewStampRow = typeof stamps.$inferInsert;

export const insertStamps = async (db: Executor, rows: NewStampRow[]): Promise<number> => {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(stamps).values(rows).onConflictDoNothing().returning({ id: stamps.id });
  return inserted.length;
};
