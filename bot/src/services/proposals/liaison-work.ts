import {
  AppError,
  parseWith,
  ProposalDraftApproveRequestSchema,
  ProposalDraftRequestSchema,
  ProposalHandlingRequestSchema,
  ProposalNoteRequestSchema,
  type Actor,
  type ProposalDraftResultDto,
} from '#shared';
import type { Database, Executor } from '../../data/database';
import {
  deleteAnswerDraft,
  findAnswerDraft,
  saveAnswerDraft,
} from '../../data/repositories/proposal-answer-drafts-repository';
import { appendHistoryEntry } from '../../data/repositories/proposal-history-repository';
import {
  getProposalRowById,
  updateProposalIfVersion,
  type ProposalPatch,
} from '../../data/repositories/proposals-repository';
import type { Notifier } from '../../notifications/notification-port';
import { requireInternal, requireOffice, versionConflict } from './proposal-access';
import { diffProposal, type ProposalChangeResult } from './proposal-change';
import { loadProposal } from './proposal-reads';
import { triageInTransaction } from './triage-proposal';

/**
 * The internal side of a proposal, for the office and the liaisons (所管課担当) of its 所管課: internal
 * notes (内部メモ) and the draft of the answer. A draft is never sent: only the office's approval,
 * through its triage, changes what the proposer sees and tells them.
 */

/** Loads the proposal and checks the actor may work on its internal side (404 / 403 otherwise). */
const requireInternalWork = async (db: Executor, actor: Actor, proposalId: string) => {
  const proposal = await loadProposal(db, (await getProposalRowById(db, proposalId)).id);
  requireInternal(actor, proposal);
  return proposal;
};

/** `POST /api/proposals/:id/notes`: an internal note, kept in the history (action `noted`). */
export const addInternalNote = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  request: unknown,
): Promise<{ id: number }> => {
  const { body } = parseWith(ProposalNoteRequestSchema, request);
  return db.transaction(async (tx) => {
    const proposal = await requireInternalWork(tx, actor, proposalId);
    const id = await appendHistoryEntry(tx, {
      proposalId: proposal.id,
      actorId: actor.userId,
      action: 'noted',
      comment: body,
    });
    return { id };
  });
};

const draftDto = async (db: Executor, proposalId: string): Promise<ProposalDraftResultDto> => {
  const row = await findAnswerDraft(db, proposalId);
  return {
    draft: row
      ? {
          status: row.status,
          answer: row.answer,
          author: { id: row.authorId, displayName: row.authorName },
          updatedAt: row.updatedAt.toISOString(),
        }
      : null,
  };
};

/** `GET /api/proposals/:id/draft`. */
export const getAnswerDraft = async (db: Database, actor: Actor, proposalId: string) =>
  db.transaction(async (tx) => {
    await requireInternalWork(tx, actor, proposalId);
    return draftDto(tx, proposalId);
  });

/** `PUT /api/proposals/:id/draft`: the liaison's (or the office's) draft, recorded in the history as internal. */
export const saveDraft = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  request: unknown,
): Promise<ProposalDraftResultDto> => {
  const input = parseWith(ProposalDraftRequestSchema, request);
  if (!input.status && !input.answer) {
    throw new AppError('VALIDATION', {
      userMessage: '回答案の状態か回答を入力してください。',
      details: [{ path: 'answer', message: '回答案の状態か回答を入力してください。' }],
    });
  }
  return db.transaction(async (tx) => {
    const proposal = await requireInternalWork(tx, actor, proposalId);
    const draft = { status: input.status ?? null, answer: input.answer ?? null };
    await saveAnswerDraft(tx, { proposalId: proposal.id, authorId: actor.userId, ...draft });
    await appendHistoryEntry(tx, {
      proposalId: proposal.id,
      actorId: actor.userId,
      action: 'drafted',
      changes: {
        ...(draft.status ? { draftStatus: { from: null, to: draft.status } } : {}),
        ...(draft.answer ? { draftAnswer: { from: null, to: draft.answer } } : {}),
      },
    });
    return draftDto(tx, proposal.id);
  });
};

/**
 * `POST /api/proposals/:id/draft/approve` (office): the draft's status and answer, or the office's
 * edits of them, applied by the triage (which tells the proposer), and the draft closed — in one
 * transaction, so an approval that fails (a stale version, a transition the rules refuse) leaves the
 * draft waiting.
 */
export const approveDraft = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  request: unknown,
  notifier?: Notifier,
): Promise<ProposalChangeResult> => {
  requireOffice(actor, 'Draft approval');
  const { version, comment, signAnswer, ...edits } = parseWith(ProposalDraftApproveRequestSchema, request);
  return db.transaction(async (tx) => {
    const draft = await findAnswerDraft(tx, proposalId);
    if (!draft) {
      throw new AppError('NOT_FOUND', {
        message: `No draft for proposal ${proposalId}`,
        userMessage: '承認する回答案がありません。',
      });
    }
    const changes = {
      ...(draft.status ? { status: draft.status } : {}),
      ...(draft.answer ? { answer: draft.answer } : {}),
      ...edits,
    };
    const result = await triageInTransaction(
      tx,
      {
        actor,
        proposalId,
        expectedVersion: version,
        changes,
        comment: comment ?? null,
        signAnswer: signAnswer ?? false,
      },
      changes,
      notifier,
    );
    await deleteAnswerDraft(tx, proposalId);
    return result;
  });
};

/**
 * `PATCH /api/proposals/:id/handling`: the 所管課 sets 期間 and 実現目標日 (its liaison, or the
 * office). Visible to whoever sees the proposal; a planning fact, so no notification goes out.
 */
export const setHandling = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  request: unknown,
): Promise<ProposalChangeResult> => {
  const { version, ...input } = parseWith(ProposalHandlingRequestSchema, request);
  return db.transaction(async (tx) => {
    const proposal = await requireInternalWork(tx, actor, proposalId);
    const current = await getProposalRowById(tx, proposal.id);
    if (current.version !== version) throw versionConflict();
    const patch: ProposalPatch = {
      ...(input.horizon !== undefined ? { horizon: input.horizon } : {}),
      ...(input.targetOn !== undefined ? { targetOn: input.targetOn } : {}),
    };
    const changes = diffProposal(current, patch);
    if (Object.keys(changes).length === 0) return { proposal, previousStatus: undefined, changes };
    if (!(await updateProposalIfVersion(tx, current.id, version, patch))) throw versionConflict();
    await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: actor.userId,
      action: 'updated',
      changes,
    });
    return { proposal: await loadProposal(tx, current.id), previousStatus: undefined, changes };
  });
};
