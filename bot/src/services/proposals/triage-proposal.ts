import {
  AppError,
  applyStatusChange,
  parseWith,
  ProposalTriageSchema,
  reportGroupOf,
  type Actor,
  type BulkItemResultDto,
  type ProposalTriage,
} from '#shared';
import type { Database, Transaction } from '../../data/database';
import { findLiaisonIdsOfDivision } from '../../data/repositories/division-liaisons-repository';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import {
  getProposalRowById,
  updateProposalIfVersion,
  type ProposalPatch,
} from '../../data/repositories/proposals-repository';
import type { ProposalRow } from '../../data/schema/index';
import type { Notifier } from '../../notifications/notification-port';
import {
  notifyDivisionAssigned,
  notifyDivisionAssignments,
  notifyProposalChanged,
  type DivisionAssignedEvent,
} from '../../notifications/proposal-notifications';
import { queueFollowerUpdate, statusOrAnswerUpdate } from '../engagement/follower-updates';
import { requireActiveDivision } from '../organisation/org-access';
import { inviteProposersToThank } from '../stamps/thanks-invitation';
import { requireOffice, versionConflict } from './proposal-access';
import { liaisonsToNotifyNow } from './liaison-digest';
import { diffProposal, type ProposalChangeResult } from './proposal-change';
import { loadProposal } from './proposal-reads';

export interface TriageProposalCommand {
  actor: Actor;
  proposalId: string;
  /** The version the office saw; a different current version means someone else changed it. */
  expectedVersion: number;
  changes: unknown;
  /** An internal note (内部メモ): never shown to the proposers. */
  comment?: string | null;
  /** Sign a changed answer with the office member's name (shown to the proposers only then). */
  signAnswer?: boolean;
}

/** What the proposers are told about: their proposal's status, answer and who handles it. */
const proposerVisibleFields = new Set([
  'status',
  'answer',
  'responsibleDivisionId',
  'horizon',
  'blockReason',
  'blockReasonNote',
  'revisitOn',
]);

/** A new status, by the domain's transition rules; 統合 and 取下げ have their own operations. */
const statusPatch = (current: ProposalRow, input: ProposalTriage): ProposalPatch => {
  const status = input.status!;
  if (status === 'merged' || status === 'withdrawn') {
    throw new AppError('INVALID_TRANSITION', {
      userMessage:
        status === 'merged' ? '統合は「統合」の操作から行ってください。' : '取下げは提案者本人が行います。',
    });
  }
  const patch: ProposalPatch = applyStatusChange(current.status, {
    status,
    blockReason: input.blockReason ?? current.blockReason,
    blockReasonNote: input.blockReasonNote === undefined ? current.blockReasonNote : input.blockReasonNote,
    revisitOn: input.revisitOn === undefined ? current.revisitOn : input.revisitOn,
  });
  if (reportGroupOf(status) === 'realised' && !current.realisedAt) patch.realisedAt = new Date();
  return patch;
};

/** Reason details of a proposal that stays 「その他」 may be edited, but not removed. */
const blockedDetailsPatch = (input: ProposalTriage): ProposalPatch => {
  if (input.blockReason === null) {
    throw new AppError('REASON_REQUIRED', { userMessage: '「その他」の理由の区分は空にできません。' });
  }
  return {
    ...(input.blockReason !== undefined ? { blockReason: input.blockReason } : {}),
    ...(input.blockReasonNote !== undefined ? { blockReasonNote: input.blockReasonNote } : {}),
    ...(input.revisitOn !== undefined ? { revisitOn: input.revisitOn } : {}),
  };
};

/** The row update a triage asks for. */
const triagePatch = (current: ProposalRow, input: ProposalTriage): ProposalPatch => {
  const statusChanges = input.status !== undefined && input.status !== current.status;
  const patch: ProposalPatch = statusChanges
    ? statusPatch(current, input)
    : current.status === 'blocked'
      ? blockedDetailsPatch(input)
      : {};
  if (input.answer !== undefined) {
    patch.answer = input.answer;
    if (input.answer !== current.answer) patch.answeredAt = input.answer ? new Date() : null;
  }
  if (input.responsibleDivisionId !== undefined) patch.responsibleDivisionId = input.responsibleDivisionId;
  if (input.horizon !== undefined) patch.horizon = input.horizon;
  if (input.isPublished !== undefined) patch.isPublished = input.isPublished;
  return patch;
};

/**
 * The office's triage: status (with the domain's transition rules), answer, responsible division,
 * horizon, publication. One version check, one update, one history entry, one transaction; the
 * proposers are told when something they see changed, a newly assigned 所管課's liaisons that it
 * is theirs.
 */
export const triageProposal = async (
  db: Database,
  command: TriageProposalCommand,
  notifier?: Notifier,
  assignments?: DivisionAssignedEvent[],
): Promise<ProposalChangeResult> => {
  requireOffice(command.actor, 'Triage');
  const input = parseWith(ProposalTriageSchema, command.changes);
  return db.transaction((tx) => triageInTransaction(tx, command, input, notifier, assignments));
};

/**
 * The triage inside a caller's transaction (the office approving a liaison's draft). With
 * `assignments`, a new 所管課 is collected there for the caller to announce once for many (bulk).
 */
export const triageInTransaction = async (
  tx: Transaction,
  command: TriageProposalCommand,
  input: ProposalTriage,
  notifier?: Notifier,
  assignments?: DivisionAssignedEvent[],
): Promise<ProposalChangeResult> => {
  requireOffice(command.actor, 'Triage');
  const current = await getProposalRowById(tx, command.proposalId);
  if (current.version !== command.expectedVersion) throw versionConflict();
  const patch = triagePatch(current, input);
  const changes = diffProposal(current, patch);
  // A retired division keeps the proposals it had, and is given no new ones.
  if (changes.responsibleDivisionId && patch.responsibleDivisionId)
    await requireActiveDivision(tx, patch.responsibleDivisionId);
  delete changes.answeredAt;
  delete changes.realisedAt;
  if (Object.keys(changes).length === 0) {
    return { proposal: await loadProposal(tx, current.id), previousStatus: undefined, changes };
  }
  const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
  if (!updated) throw versionConflict();
  const statusChanged = changes.status !== undefined;
  const historyId = await appendHistoryEntry(tx, {
    proposalId: current.id,
    actorId: command.actor.userId,
    action: statusChanged ? 'status_changed' : 'updated',
    changes,
    comment: command.comment ?? null,
    signed: Boolean(command.signAnswer) && changes.answer !== undefined,
  });
  const proposal = await loadProposal(tx, current.id);
  const previousStatus = statusChanged ? current.status : undefined;
  if (notifier && Object.keys(changes).some((field) => proposerVisibleFields.has(field))) {
    await notifyProposalChanged(tx, notifier, { proposal, previousStatus, historyId });
  }
  const followerNews = statusOrAnswerUpdate({
    status: statusChanged ? proposal.status : undefined,
    answerChanged: changes.answer !== undefined,
    answer: proposal.answer,
  });
  if (followerNews)
    await queueFollowerUpdate(
      tx,
      { proposalId: proposal.id, ...followerNews, actorUserId: command.actor.userId },
      notifier,
    );
  if (notifier && statusChanged && proposal.status === 'realised') {
    await inviteProposersToThank(tx, notifier, { proposal, historyId });
  }
  if (notifier && changes.responsibleDivisionId && proposal.responsibleDivision) {
    const assigned = {
      proposal,
      liaisonIds: await liaisonsToNotifyNow(
        tx,
        await findLiaisonIdsOfDivision(tx, proposal.responsibleDivision.id),
      ),
      historyId,
    };
    if (assignments) assignments.push(assigned);
    else await notifyDivisionAssigned(tx, notifier, assigned);
  }
  return { proposal, previousStatus, changes };
};

export interface BulkStatusCommand {
  actor: Actor;
  items: { id: string; version: number }[];
  /** The triage fields applied to each (status, answer, block reason…). */
  changes: Record<string, unknown>;
  comment?: string | null;
}

/**
 * The same status change on a selection. Not all-or-nothing: each proposal goes through
 * `triageProposal` in its own transaction (same rules, history and proposer notifications as one by
 * one), and the result says, per proposal, whether it changed or why not (e.g. someone else changed
 * it first). The 所管課 assignments are announced at the end, one card per liaison for the whole
 * selection (a crash before that loses those cards, never a change).
 */
export const bulkChangeStatus = async (
  db: Database,
  command: BulkStatusCommand,
  notifier?: Notifier,
): Promise<{ results: BulkItemResultDto[]; succeeded: number; failed: number }> => {
  requireOffice(command.actor, 'Bulk status change');
  const results: BulkItemResultDto[] = [];
  const assignments: DivisionAssignedEvent[] = [];
  for (const item of command.items) {
    try {
      const { proposal } = await triageProposal(
        db,
        {
          actor: command.actor,
          proposalId: item.id,
          expectedVersion: item.version,
          changes: command.changes,
          comment: command.comment ?? null,
        },
        notifier,
        assignments,
      );
      results.push({ id: item.id, ok: true, proposal });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
        throw error;
      results.push({ id: item.id, ok: false, code: error.code, message: error.userMessage });
    }
  }
  if (notifier && assignments.length > 0)
    await db.transaction((tx) => notifyDivisionAssignments(tx, notifier, assignments));
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
};
