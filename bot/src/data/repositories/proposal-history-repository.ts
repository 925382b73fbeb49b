import { asc, eq } from 'drizzle-orm';
import { chunk } from '../chunk';
import type { Executor } from '../database';
import { proposalHistory, users, type HistoryChanges } from '../schema/index';

import type { HistoryAction } from '#shared';

export { historyActions, type HistoryAction } from '#shared';

export interface HistoryEntry {
  proposalId: string;
  actorId: string | null;
  action: HistoryAction;
  changes?: HistoryChanges;
  comment?: string | null;
  /** When the change happened; defaults to now. Set by imports and demo data that replay the past. */
  createdAt?: Date;
}

/** One entry, returning its id (notifications name the history entry that caused them). */
export const appendHistoryEntry = async (db: Executor, entry: HistoryEntry): Promise<number> => {
  const [row] = await db
    .insert(proposalHistory)
    .values({
      proposalId: entry.proposalId,
      actorId: entry.actorId,
      action: entry.action,
      changes: entry.changes ?? {},
      comment: entry.comment ?? null,
      createdAt: entry.createdAt,
    })
    .returning({ id: proposalHistory.id });
  return row!.id;
};

/** Append-only: there is deliberately no update or delete here (the database refuses them too). */
export const appendHistory = async (db: Executor, entries: HistoryEntry | HistoryEntry[]): Promise<void> => {
  const list = Array.isArray(entries) ? entries : [entries];
  for (const part of chunk(list, 1000)) {
    await db.insert(proposalHistory).values(
      part.map((entry) => ({
        proposalId: entry.proposalId,
        actorId: entry.actorId,
        action: entry.action,
        changes: entry.changes ?? {},
        comment: entry.comment ?? null,
        createdAt: entry.createdAt,
      })),
    );
  }
};

export const findHistory = async (db: Executor, proposalId: string) =>
  db
    .select({
      id: proposalHistory.id,
      action: proposalHistory.action,
      changes: proposalHistory.changes,
      comment: proposalHistory.comment,
      createdAt: proposalHistory.createdAt,
      actorId: proposalHistory.actorId,
      actorName: users.displayName,
    })
    .from(proposalHistory)
    .leftJoin(users, eq(users.id, proposalHistory.actorId))
    .where(eq(proposalHistory.proposalId, proposalId))
    .orderBy(asc(proposalHistory.createdAt), asc(proposalHistory.id));
