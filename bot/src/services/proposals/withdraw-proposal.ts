import { AppError, applyStatusChange, canTriage, type Actor } from '#shared';
import type { Database } from '../../data/database';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import { findReachableOfficeUserIds } from '../../data/repositories/office-recipients-repository';
import { getProposalRowById, updateProposalIfVersion } from '../../data/repositories/proposals-repository';
import type { Notifier } from '../../notifications/notification-port';
import { queueFollowerUpdate } from '../engagement/follower-updates';
import { notifyProposalChanged, notifyProposalWithdrawn } from '../../notifications/proposal-notifications';
import { requireProposer, requireVisible, versionConflict } from './proposal-access';
import type { ProposalChangeResult } from './proposal-change';
import { loadProposal } from './proposal-reads';

export interface WithdrawProposalCommand {
  actor: Actor;
  proposalId: string;
  expectedVersion: number;
  /** The proposer's comment; for the office acting on the proposer's behalf, the reason (required). */
  comment?: string | null;
}

/** Who withdraws: the proposer, or the office on the proposer's behalf with a reason. */
const withdrawerOf = (command: WithdrawProposalCommand, proposerId: string | null): 'proposer' | 'office' => {
  if (proposerId === command.actor.userId) return 'proposer';
  if (!canTriage(command.actor)) {
    requireProposer(command.actor, { proposerId });
  }
  if (!command.comment?.trim()) {
    throw new AppError('REASON_REQUIRED', {
      userMessage: '提案者に代わって取り下げるときは、理由を入力してください。',
    });
  }
  return 'office';
};

/**
 * The proposer takes their own proposal back while it is still open, and the office hears of it; or
 * the office withdraws it on the proposer's behalf with a reason, and the proposer hears of it.
 * Someone who may not even see the proposal is told it does not exist.
 */
export const withdrawProposal = async (
  db: Database,
  command: WithdrawProposalCommand,
  notifier?: Notifier,
): Promise<ProposalChangeResult> =>
  db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    requireVisible(command.actor, await loadProposal(tx, current.id));
    const withdrawer = withdrawerOf(command, current.proposerId);
    if (current.version !== command.expectedVersion) throw versionConflict();
    const patch = applyStatusChange(current.status, { status: 'withdrawn' });
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw versionConflict();
    const changes = { status: { from: current.status, to: 'withdrawn' } };
    const comment = command.comment?.trim() || null;
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'withdrawn',
      changes,
      comment,
      // A reason the proposer gave or was told (office on their behalf), not an office note: public.
      commentPublic: true,
    });
    const proposal = await loadProposal(tx, current.id);
    if (notifier && withdrawer === 'proposer') {
      const officeIds = await findReachableOfficeUserIds(tx);
      await notifyProposalWithdrawn(tx, notifier, { proposal, comment, historyId, officeIds });
    }
    if (notifier && withdrawer === 'office') {
      await notifyProposalChanged(tx, notifier, { proposal, previousStatus: current.status, historyId });
    }
    await queueFollowerUpdate(
      tx,
      {
        proposalId: proposal.id,
        kind: 'status',
        summary: '提案が取り下げられました',
        actorUserId: command.actor.userId,
      },
      notifier,
    );
    return { proposal, previousStatus: current.status, changes };
  });
