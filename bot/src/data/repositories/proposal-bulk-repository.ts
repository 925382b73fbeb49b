import { sql } from 'drizzle-orm';
import { chunk } from '../chunk';
import type { Executor } from '../database';
import {
  proposalCoProposers,
  proposalCounters,
  proposalProjectLinks,
  proposals,
  type NewProposalRow,
} from '../schema/index';

/**
 * Bulk writes for imports and demo data: many proposals in few statements. Like single submissions
 * they must run in the caller's transaction.
 */

/**
 * Takes `count` consecutive numbers of a fiscal year at once and returns the first. The counter row
 * stays locked until commit and a rollback gives the numbers back, as with nextProposalSequence.
 */
export const reserveProposalSequences = async (
  db: Executor,
  fiscalYear: number,
  count: number,
): Promise<number> => {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Cannot reserve ${count} numbers`);
  const [row] = await db
    .insert(proposalCounters)
    .values({ fiscalYear, lastSequence: count })
    .onConflictDoUpdate({
      target: proposalCounters.fiscalYear,
      set: { lastSequence: sql`${proposalCounters.lastSequence} + ${count}::int` },
    })
    .returning({ last: proposalCounters.lastSequence });
  return row!.last - count + 1;
};

/**
 * Inserts proposals in chunks, in the order given. A proposal merged into another of the same batch
 * must come after it (the self-reference is checked per statement).
 */
export const insertProposalRows = async (db: Executor, rows: NewProposalRow[]): Promise<void> => {
  for (const part of chunk(rows)) await db.insert(proposals).values(part);
};

export const insertCoProposerRows = async (
  db: Executor,
  rows: { proposalId: string; userId: string }[],
): Promise<void> => {
  for (const part of chunk(rows)) await db.insert(proposalCoProposers).values(part).onConflictDoNothing();
};

export const insertProjectLinkRows = async (
  db: Executor,
  rows: { proposalId: string; projectId: string; linkedBy: string | null; linkedAt?: Date }[],
): Promise<void> => {
  for (const part of chunk(rows)) await db.insert(proposalProjectLinks).values(part).onConflictDoNothing();
};
