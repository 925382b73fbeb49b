import { asc, inArray } from 'drizzle-orm';
import { isUuid } from '#shared';
import type { Transaction } from '../database';
import { proposals, type ProposalRow } from '../schema/index';

/**
 * Reads proposals and locks their rows until the transaction ends (SELECT … FOR UPDATE), so a change
 * that depends on several proposals (a merge) sees them as they are and no concurrent change slips in
 * between its checks and its writes. Rows are locked in id order: two transactions locking the same
 * pair wait for each other instead of deadlocking. Ids that are not uuids or not found are absent.
 */
export const lockProposalRows = async (tx: Transaction, ids: string[]): Promise<ProposalRow[]> => {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return [];
  return tx
    .select()
    .from(proposals)
    .where(inArray(proposals.id, valid))
    .orderBy(asc(proposals.id))
    .for('update');
};
