import { and, asc, eq } from 'drizzle-orm';
import { isUuid, type StampKind } from '#shared';
import { chunk } from '../chunk';
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
    purpose: row.purpose,
    isActive: row.isActive,
    sortOrder: row.sortOrder,
  }));
};

export type NewStampRow = typeof stamps.$inferInsert;

/** Inserts stamps in chunks; a row already stored (same request and recipient) is skipped. */
export const insertStamps = async (db: Executor, rows: NewStampRow[]): Promise<number> => {
  let count = 0;
  for (const part of chunk(rows)) {
    const inserted = await db.insert(stamps).values(part).onConflictDoNothing().returning({ id: stamps.id });
    count += inserted.length;
  }
  return count;
};

/**
 * Stores one send's stamps (one per recipient) and answers every stamp of the sender's request: one
 * statement for a new send; a retried one (rows already there) reads them back.
 */
export const storeStampsOfRequest = async (
  db: Executor,
  request: { senderId: string; requestId: string },
  rows: NewStampRow[],
) => {
  const inserted = await db.insert(stamps).values(rows).onConflictDoNothing().returning();
  if (inserted.length === rows.length) return inserted;
  return db
    .select()
    .from(stamps)
    .where(and(eq(stamps.senderId, request.senderId), eq(stamps.requestId, request.requestId)));
};

/** Whether this sender's request was stored already (a retry). */
export const hasStampRequest = async (
  db: Executor,
  senderId: string,
  requestId: string,
): Promise<boolean> => {
  const [row] = await db
    .select({ id: stamps.id })
    .from(stamps)
    .where(and(eq(stamps.senderId, senderId), eq(stamps.requestId, requestId)))
    .limit(1);
  return row !== undefined;
};

export const findStampById = async (db: Executor, id: string) => {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(stamps).where(eq(stamps.id, id));
  return row;
};
