import type { ProposalDto, ProposalStatus } from '#shared';
import type { ProposalPatch } from '../../data/repositories/proposals-repository';
import type { HistoryChanges, ProposalRow } from '../../data/schema/index';

/** What a change to a proposal did: the new state, and what the history recorded. */
export interface ProposalChangeResult {
  proposal: ProposalDto;
  /** The status before the change when it changed; callers notify the proposer on it. */
  previousStatus: ProposalStatus | undefined;
  changes: HistoryChanges;
}

/** Field-by-field difference between a row and a patch, as the history records it. */
export const diffProposal = (row: ProposalRow, patch: ProposalPatch): HistoryChanges => {
  const changes: HistoryChanges = {};
  for (const [key, to] of Object.entries(patch) as [keyof ProposalPatch, unknown][]) {
    const from = row[key] instanceof Date ? (row[key] as Date).toISOString() : (row[key] ?? null);
    const next = to instanceof Date ? to.toISOString() : (to ?? null);
    if (from !== next) changes[key] = { from, to: next };
  }
  return changes;
};
