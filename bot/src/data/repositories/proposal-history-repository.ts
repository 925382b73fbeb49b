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
  /** The comment is for the proposers too; by default it is an internal note. */
  commentPublic?: boolean;
  /** The office signed the answer: its name is shown to the proposers. */
  signed?: boolean;
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
      commentPublic: entry.commentPublic ?? false,
      signed: entry.signed ?? false,
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
        commentPublic: entry.commentPublic ?? false,
        signed: entry.signed ?? false,
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
      commentPublic: proposalHistory.commentPublic,
      signed: proposalHistory.signed,
      createdAt: proposalHistory.createdAt,
      actorId: proposalHistory.actorId,
      actorName: users.displayName,
    })
    .from(proposalHistory)
    .leftJoin(users, eq(users.id, proposalHistory.actorId))
    .where(eq(proposalHistory.proposalId, proposalId))
    .orderBy(asc(proposalHistory.createdAt), asc(proposalHistory.id));
