import { AppError, applyStatusChange, proposalStatusLabels, type Actor, type ProposalDto } from '#shared';
import type { Database, Transaction } from '../../data/database';
import { carryFollowsToMergeTarget } from '../../data/repositories/engagement-repository';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import { lockProposalRows } from '../../data/repositories/proposal-locks-repository';
import { loadProposalDtos } from '../../data/repositories/proposal-dtos-repository';
import { updateProposalIfVersion } from '../../data/repositories/proposals-repository';
import type { HistoryChanges, ProposalRow } from '../../data/schema/index';
import type { Notifier } from '../../notifications/notification-port';
import { queueFollowerUpdate } from '../engagement/follower-updates';
import { notifyProposalChanged } from '../../notifications/proposal-notifications';
import { proposalNotFound, requireOffice, versionConflict } from './proposal-access';
import type { ProposalChangeResult } from './proposal-change';

export interface MergeProposalsCommand {
  actor: Actor;
  /** The duplicate, which becomes 統合. */
  proposalId: string;
  /** The version of the duplicate the office saw. */
  expectedVersion: number;
  /** The proposal that absorbs it. */
  intoId: string;
  comment?: string | null;
}

/**
 * Both rows, locked until commit: a concurrent merge or change of either waits, and then sees this
 * one (e.g. the target merged elsewhere meanwhile is refused instead of absorbing a duplicate).
 */
const lockPair = async (
  tx: Transaction,
  command: MergeProposalsCommand,
): Promise<{ current: ProposalRow; target: ProposalRow }> => {
  const locked = await lockProposalRows(tx, [command.proposalId, command.intoId]);
  const current = locked.find((row) => row.id === command.proposalId);
  const target = locked.find((row) => row.id === command.intoId);
  if (!current) throw proposalNotFound(command.proposalId);
  if (!target)
    throw new AppError('VALIDATION', {
      message: `Merge target ${command.intoId} not found`,
      userMessage: '統合先の提案が見つかりません。',
      details: [{ path: 'intoId', message: '統合先の提案が見つかりません。' }],
    });
  if (current.version !== command.expectedVersion) throw versionConflict();
  if (target.status === 'merged' || target.status === 'withdrawn') {
    throw new AppError('INVALID_TRANSITION', {
      message: `Merge target ${target.id} is ${target.status}`,
      userMessage: `統合先の提案（${target.number}）は「${proposalStatusLabels[target.status]}」のため、統合先にできません。`,
    });
  }
  return { current, target };
};

/** Both proposers hear of it: the duplicate's as a status change, the target's as news. */
const notifyMerge = async (
  tx: Transaction,
  notifier: Notifier,
  merged: { proposal: ProposalDto; into: ProposalDto; previousStatus: ProposalRow['status'] },
  historyIds: { proposal: number; into: number },
): Promise<void> => {
  const { proposal, into } = merged;
  await notifyProposalChanged(tx, notifier, {
    proposal: { ...proposal, answer: `「${into.number} ${into.title}」に統合しました。` },
    previousStatus: merged.previousStatus,
    historyId: historyIds.proposal,
  });
  await notifyProposalChanged(tx, notifier, {
    proposal: { ...into, answer: `「${proposal.number} ${proposal.title}」をこの提案に統合しました。` },
    previousStatus: into.status,
    historyId: historyIds.into,
  });
};

/**
 * 統合: a duplicate becomes `merged` into another open proposal. Both proposals get a history entry
 * (the duplicate its status change, the target the fact that it absorbed one) and the proposers of
 * both are notified, in one transaction. Merging into itself, into a merged or withdrawn proposal, or
 * from a final status is refused.
 */
export const mergeProposals = async (
  db: Database,
  command: MergeProposalsCommand,
  notifier?: Notifier,
): Promise<ProposalChangeResult & { into: ProposalDto }> => {
  requireOffice(command.actor, 'Merge');
  if (command.proposalId === command.intoId) {
    throw new AppError('VALIDATION', {
      userMessage: '同じ提案には統合できません。',
      details: [{ path: 'intoId', message: '統合先には別の提案を指定してください。' }],
    });
  }
  return db.transaction(async (tx) => {
    const { current, target } = await lockPair(tx, command);
    const previousStatus = current.status;
    const patch = applyStatusChange(previousStatus, { status: 'merged', mergedIntoId: target.id });
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw versionConflict();
    const changes: HistoryChanges = {
      status: { from: previousStatus, to: 'merged' },
      mergedIntoId: { from: current.mergedIntoId, to: target.id },
    };
    const entry = {
      actorId: command.actor.userId,
      comment: command.comment ?? null,
      action: 'merged' as const,
    };
    const historyIds = {
      proposal: await appendHistoryEntry(tx, { ...entry, proposalId: current.id, changes }),
      into: await appendHistoryEntry(tx, {
        ...entry,
        proposalId: target.id,
        changes: {
          mergedFrom: { from: null, to: current.number },
          mergedFromId: { from: null, to: current.id },
        },
      }),
    };
    const [proposal, into] = (await loadProposalDtos(tx, [current.id, target.id])) as [
      ProposalDto,
      ProposalDto,
    ];
    if (notifier) await notifyMerge(tx, notifier, { proposal, into, previousStatus }, historyIds);
    await queueFollowerUpdate(
      tx,
      {
        proposalId: proposal.id,
        kind: 'status',
        summary: `「${into.number} ${into.title}」に統合されました`,
        actorUserId: command.actor.userId,
      },
      notifier,
    );
    // Whoever followed the duplicate (and its proposers) now hears of the proposal that carries on.
    await carryFollowsToMergeTarget(tx, proposal.id, into.id);
    return { proposal, into, previousStatus, changes };
  });
};
