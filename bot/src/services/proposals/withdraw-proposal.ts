import { applyStatusChange, type Actor } from '#shared';
import type { Database } from '../../data/database';
import { appendHistory } from '../../data/repositories/proposal-history-repository';
import { getProposalRowById, updateProposalIfVersion } from '../../data/repositories/proposals-repository';
import { requireProposer, requireVisible, versionConflict } from './proposal-access';
import type { ProposalChangeResult } from './proposal-change';
import { loadProposal } from './proposal-reads';

/**
 * The proposer takes their own proposal back while it is still open. Someone who may not even see
 * the proposal is told it does not exist.
 */
export const withdrawProposal = async (
  db: Database,
  command: { actor: Actor; proposalId: string; expectedVersion: number; comment?: string | null },
): Promise<ProposalChangeResult> =>
  db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    requireVisible(command.actor, await loadProposal(tx, current.id));
    requireProposer(command.actor, current);
    if (current.version !== command.expectedVersion) throw versionConflict();
    const patch = applyStatusChange(current.status, { status: 'withdrawn' });
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw versionConflict();
    const changes = { status: { from: current.status, to: 'withdrawn' } };
    await appendHistory(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'withdrawn',
      changes,
      comment: command.comment ?? null,
      // The proposer's own reason, not an office note: the co-proposers (and readers) may see it.
      commentPublic: true,
    });
    return { proposal: await loadProposal(tx, current.id), previousStatus: current.status, changes };
  });
