import {
  AppError,
  applyStatusChange,
  blockReasonLabels,
  canTriage,
  fiscalYearOf,
  formatPriorityProjectCode,
  formatProposalNumber,
  isUuid,
  parseWith,
  ProposalInputSchema,
  ProposalTriageSchema,
  proposalStatusLabels,
  reportGroupOf,
  searchTerms,
  similarDraftText,
  similarProposalsShown,
  similarProposalThreshold,
  type Actor,
  type BlockReason,
  type BulkItemResultDto,
  type HistoryAction,
  type ProposalDto,
  type ProposalHistoryEntryDto,
  type ProposalStatus,
} from '#shared';
import { projectLinkCard, projectLinkSummary, proposalDeepLink, statusChangedCard } from '../cards/index';
import type { Database, Executor, Transaction } from '../data/database';
import { isUniqueViolation } from '../data/errors';
import {
  appendHistory,
  appendHistoryEntry,
  findHistory,
} from '../data/repositories/proposal-history-repository';
import { findPriorityProjectsByIds } from '../data/repositories/priority-projects-repository';
import { lockProposalRows } from '../data/repositories/proposal-locks-repository';
import { insertPlainProposal } from '../data/repositories/proposal-submission-repository';
import {
  findSimilarProposalCandidates,
  type SimilarProposalCandidate,
} from '../data/repositories/similar-proposals-repository';
import {
  addCoProposers,
  addProjectLinks,
  findProposalByClientRequestId,
  findProposalPage,
  getProposalRowById,
  insertProposal,
  loadProposalDtos,
  nextProposalSequence,
  removeProjectLinks,
  updateProposalIfVersion,
  type ProposalListFilter,
  type ProposalPageRequest,
  type ProposalPatch,
} from '../data/repositories/proposals-repository';
import { findUsersByIds, getUserById } from '../data/repositories/users-repository';
import type { HistoryChanges, PriorityProjectRow, ProposalRow } from '../data/schema/index';
import type { NotificationPort } from './notification-port';

const loadDto = async (db: Executor, id: string): Promise<ProposalDto> => {
  const [dto] = await loadProposalDtos(db, [id]);
  if (!dto)
    throw new AppError('NOT_FOUND', {
      message: `Proposal ${id} not found`,
      userMessage: '提案が見つかりません。',
    });
  return dto;
};

export interface SubmitProposalCommand {
  actor: Actor;
  /** Raw input from a card or the API; validated here against the shared schema. */
  input: unknown;
  /** Idempotency key carried in the card's data: the same key always yields the same proposal. */
  clientRequestId?: string;
  now?: Date;
}

/**
 * 職員提案の受付. Number, proposal, co-proposers, project links and the first history entry are
 * written in one transaction; a retried or double-clicked submission returns the first one.
 */
export const submitProposal = async (
  db: Database,
  command: SubmitProposalCommand,
): Promise<{ proposal: ProposalDto; created: boolean }> => {
  const input = parseWith(ProposalInputSchema, command.input);
  // A repeated request id is found by its unique key (the insert fails and the first proposal is
  // returned below) rather than by a lookup before every submission; the bot's card checks first itself.
  const submittedAt = command.now ?? new Date();
  const fiscalYear = fiscalYearOf(submittedAt);
  try {
    // Almost every submission has no co-proposers and no project links: one statement does it all
    // (see insertPlainProposal: the counter's lock is not held across round trips). A missing
    // proposer falls through to the general path, which reports it.
    if (input.coProposerIds.length === 0 && input.priorityProjectIds.length === 0) {
      const plain = await insertPlainProposal(db, {
        fiscalYear,
        title: input.title,
        body: input.body,
        category: input.category,
        expectedEffect: input.expectedEffect ?? null,
        proposerId: command.actor.userId,
        clientRequestId: command.clientRequestId ?? null,
        submittedAt,
      });
      if (plain.outcome === 'created') return { proposal: plain.proposal, created: true };
      if (plain.outcome === 'existing') return { proposal: await loadDto(db, plain.id), created: false };
    }
    const id = await db.transaction(async (tx) => {
      const proposer = await getUserById(tx, command.actor.userId);
      const coProposerIds = input.coProposerIds.filter((id) => id !== proposer.id);
      const coProposers = await findUsersByIds(tx, coProposerIds);
      if (coProposers.length !== new Set(coProposerIds).size) {
        throw new AppError('VALIDATION', {
          userMessage: '共同提案者に登録されていない利用者が含まれています。',
          details: [
            { path: 'coProposerIds', message: '共同提案者に登録されていない利用者が含まれています。' },
          ],
        });
      }
      const projects = await findPriorityProjectsByIds(tx, input.priorityProjectIds);
      if (projects.length !== new Set(input.priorityProjectIds).size) {
        throw new AppError('VALIDATION', {
          userMessage: '関連する重点案件の指定が正しくありません。',
          details: [{ path: 'priorityProjectIds', message: '関連する重点案件の指定が正しくありません。' }],
        });
      }
      const sequence = await nextProposalSequence(tx, fiscalYear);
      const row = await insertProposal(tx, {
        fiscalYear,
        sequence,
        number: formatProposalNumber(fiscalYear, sequence),
        title: input.title,
        body: input.body,
        category: input.category,
        expectedEffect: input.expectedEffect ?? null,
        proposerId: proposer.id,
        proposerName: proposer.displayName,
        proposerDivisionId: proposer.divisionId,
        clientRequestId: command.clientRequestId ?? null,
        submittedAt,
      });
      await addCoProposers(tx, row.id, coProposerIds);
      await addProjectLinks(tx, row.id, input.priorityProjectIds, proposer.id);
      await appendHistory(tx, {
        proposalId: row.id,
        actorId: proposer.id,
        action: 'created',
        changes: { status: { from: null, to: 'received' } },
      });
      return row.id;
    });
    return { proposal: await loadDto(db, id), created: true };
  } catch (error) {
    // The same request raced itself (Teams retry, double click): the other one won; answer with its result.
    if (command.clientRequestId && isUniqueViolation(error, 'proposals_client_request_id_unique')) {
      const existing = await findProposalByClientRequestId(db, command.clientRequestId);
      if (existing) return { proposal: await loadDto(db, existing.id), created: false };
    }
    throw error;
  }
};

export interface TriageProposalCommand {
  actor: Actor;
  proposalId: string;
  /** The version the office saw; a different current version means someone else changed it. */
  expectedVersion: number;
  changes: unknown;
  comment?: string | null;
}

export interface ProposalChangeResult {
  proposal: ProposalDto;
  /** The status before the change when it changed; callers notify the proposer on it. */
  previousStatus: ProposalStatus | undefined;
  changes: HistoryChanges;
}

const conflict = () =>
  new AppError('CONFLICT', {
    message: 'Proposal version mismatch',
    userMessage: 'この提案は他の人が先に更新しました。画面を更新して最新の内容を確認してください。',
  });

/** Field-by-field difference between a row and a patch, as the history records it. */
const diff = (row: ProposalRow, patch: ProposalPatch): HistoryChanges => {
  const changes: HistoryChanges = {};
  for (const [key, to] of Object.entries(patch) as [keyof ProposalPatch, unknown][]) {
    const from = row[key] instanceof Date ? (row[key] as Date).toISOString() : (row[key] ?? null);
    const next = to instanceof Date ? to.toISOString() : (to ?? null);
    if (from !== next) changes[key] = { from, to: next };
  }
  return changes;
};

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

/** Side effects of a change beyond the database row: notifying the proposers in Teams. */
export interface ProposalEffects {
  notifications: NotificationPort;
  links: { teamsAppId?: string | undefined; publicUrl?: string | undefined };
}

/** The proposer and co-proposers of a proposal, once each. */
const proposersOf = (proposal: ProposalDto): Set<string> =>
  new Set(
    [proposal.proposer?.id, ...proposal.coProposers.map((person) => person.id)].filter((id): id is string =>
      Boolean(id),
    ),
  );

/** Queues a status card to the proposer and each co-proposer, in the change's own transaction. */
const notifyProposers = async (
  tx: Transaction,
  effects: ProposalEffects,
  change: { proposal: ProposalDto; previousStatus: ProposalStatus | undefined; historyId: number },
): Promise<void> => {
  const { proposal } = change;
  const card = statusChangedCard({
    number: proposal.number,
    title: proposal.title,
    previousStatusLabel: proposalStatusLabels[change.previousStatus ?? proposal.status],
    statusLabel: proposalStatusLabels[proposal.status],
    answer: proposal.answer,
    ...(proposal.blockReason ? { blockReasonLabel: blockReasonLabels[proposal.blockReason] } : {}),
    deepLink: proposalDeepLink({ ...effects.links, proposalId: proposal.id }),
  });
  const summary = `提案 ${proposal.number} の状況が「${proposalStatusLabels[proposal.status]}」になりました`;
  await effects.notifications.enqueueToUsers(
    tx,
    [...proposersOf(proposal)].map((userId) => ({
      userId,
      dedupeKey: `proposal-status:${change.historyId}:${userId}`,
      message: { card, summary },
    })),
  );
};

/**
 * The office's triage: status (with the domain's transition rules), answer, responsible division,
 * horizon, publication. One version check, one update, one history entry, one transaction.
 */
export const triageProposal = async (
  db: Database,
  command: TriageProposalCommand,
  effects?: ProposalEffects,
): Promise<ProposalChangeResult> => {
  if (!canTriage(command.actor))
    throw new AppError('FORBIDDEN', { message: 'Triage requires the office role' });
  const input = parseWith(ProposalTriageSchema, command.changes);
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    if (current.version !== command.expectedVersion) throw conflict();
    const patch: ProposalPatch = {};
    const statusChanges = input.status !== undefined && input.status !== current.status;
    if (statusChanges) {
      if (input.status === 'merged' || input.status === 'withdrawn') {
        throw new AppError('INVALID_TRANSITION', {
          userMessage:
            input.status === 'merged'
              ? '統合は「統合」の操作から行ってください。'
              : '取下げは提案者本人が行います。',
        });
      }
      Object.assign(
        patch,
        applyStatusChange(current.status as ProposalStatus, {
          status: input.status!,
          blockReason: input.blockReason ?? (current.blockReason as BlockReason | null),
          blockReasonNote:
            input.blockReasonNote === undefined ? current.blockReasonNote : input.blockReasonNote,
          revisitOn: input.revisitOn === undefined ? current.revisitOn : input.revisitOn,
        }),
      );
      if (reportGroupOf(input.status!) === 'realised' && !current.realisedAt) patch.realisedAt = new Date();
    } else if (current.status === 'blocked') {
      // Reason details of a proposal that stays blocked may be edited, but not removed.
      if (input.blockReason === null) {
        throw new AppError('REASON_REQUIRED', { userMessage: '「その他」の理由の区分は空にできません。' });
      }
      if (input.blockReason !== undefined) patch.blockReason = input.blockReason;
      if (input.blockReasonNote !== undefined) patch.blockReasonNote = input.blockReasonNote;
      if (input.revisitOn !== undefined) patch.revisitOn = input.revisitOn;
    }
    if (input.answer !== undefined) {
      patch.answer = input.answer;
      if (input.answer !== current.answer) patch.answeredAt = input.answer ? new Date() : null;
    }
    if (input.responsibleDivisionId !== undefined) patch.responsibleDivisionId = input.responsibleDivisionId;
    if (input.horizon !== undefined) patch.horizon = input.horizon;
    if (input.isPublished !== undefined) patch.isPublished = input.isPublished;

    const changes = diff(current, patch);
    delete changes.answeredAt;
    delete changes.realisedAt;
    if (Object.keys(changes).length === 0) {
      return { proposal: await loadDto(tx, current.id), previousStatus: undefined, changes };
    }
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw conflict();
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: statusChanges ? 'status_changed' : 'updated',
      changes,
      comment: command.comment ?? null,
    });
    const proposal = await loadDto(tx, current.id);
    const previousStatus = statusChanges ? (current.status as ProposalStatus) : undefined;
    if (effects && Object.keys(changes).some((field) => proposerVisibleFields.has(field))) {
      await notifyProposers(tx, effects, { proposal, previousStatus, historyId });
    }
    return { proposal, previousStatus, changes };
  });
};

/** The proposer takes their own proposal back while it is still open. */
export const withdrawProposal = async (
  db: Database,
  command: { actor: Actor; proposalId: string; expectedVersion: number; comment?: string | null },
): Promise<ProposalChangeResult> =>
  db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    if (current.proposerId !== command.actor.userId) {
      throw new AppError('FORBIDDEN', { userMessage: '取下げは提案者本人のみが行えます。' });
    }
    if (current.version !== command.expectedVersion) throw conflict();
    const status = current.status as ProposalStatus;
    const patch = applyStatusChange(status, { status: 'withdrawn' });
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw conflict();
    const changes = { status: { from: status, to: 'withdrawn' } };
    await appendHistory(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'withdrawn',
      changes,
      comment: command.comment ?? null,
    });
    return { proposal: await loadDto(tx, current.id), previousStatus: status, changes };
  });

/** Staff see published proposals and those they (co-)proposed; others look absent, not forbidden. */
const isVisibleTo = (proposal: ProposalDto, actor: Actor): boolean =>
  canTriage(actor) ||
  proposal.isPublished ||
  proposal.proposer?.id === actor.userId ||
  proposal.coProposers.some((person) => person.id === actor.userId);

export const getProposal = async (db: Database, actor: Actor, id: string): Promise<ProposalDto> => {
  const proposal = await loadDto(db, (await getProposalRowById(db, id)).id);
  if (!isVisibleTo(proposal, actor)) {
    throw new AppError('NOT_FOUND', {
      message: `Proposal ${id} not visible`,
      userMessage: '提案が見つかりません。',
    });
  }
  return proposal;
};

export const getProposalHistory = async (
  db: Database,
  actor: Actor,
  id: string,
): Promise<ProposalHistoryEntryDto[]> => {
  await getProposal(db, actor, id);
  const rows = await findHistory(db, id);
  return rows.map((row) => ({
    ...row,
    action: row.action as HistoryAction,
    createdAt: row.createdAt.toISOString(),
  }));
};

export interface ProposalListQuery extends Omit<ProposalListFilter, 'terms' | 'visibleToUserId'> {
  q?: string;
}

export const listProposals = async (
  db: Database,
  actor: Actor,
  query: ProposalListQuery,
  page: ProposalPageRequest,
): Promise<{ items: ProposalDto[]; total: number; page: number; pageSize: number }> => {
  const { q, ...filter } = query;
  const { ids, total } = await findProposalPage(
    db,
    { ...filter, terms: searchTerms(q), visibleToUserId: canTriage(actor) ? undefined : actor.userId },
    page,
  );
  return { items: await loadProposalDtos(db, ids), total, page: page.page, pageSize: page.pageSize };
};

/**
 * Whether a similar proposal may be shown to the asker by number and title: the office sees all;
 * staff see published proposals and those they (co-)proposed. The others are only counted.
 */
export const maySeeSimilarProposal = (candidate: SimilarProposalCandidate, actor: Actor): boolean =>
  canTriage(actor) ||
  candidate.isPublished ||
  candidate.proposerId === actor.userId ||
  candidate.coProposerIds.includes(actor.userId);

export interface SimilarToDraft {
  /** Up to `limit` open proposals like the draft that the asker may see, most similar first. */
  shown: SimilarProposalCandidate[];
  /** How many more above the threshold the asker may not see (shown as a count, never by title). */
  hiddenCount: number;
}

/** Open proposals similar to a draft, so a proposer sees likely duplicates before submitting. */
export const findSimilarToDraft = async (
  db: Database,
  actor: Actor,
  draft: { title: string; body?: string; expectedEffect?: string | null },
  options: { limit?: number; excludeId?: string } = {},
): Promise<SimilarToDraft> => {
  const candidates = await findSimilarProposalCandidates(db, similarDraftText(draft), {
    limit: 20,
    minScore: similarProposalThreshold,
    ...(options.excludeId ? { excludeId: options.excludeId } : {}),
  });
  const visible = candidates.filter((candidate) => maySeeSimilarProposal(candidate, actor));
  return {
    shown: visible.slice(0, options.limit ?? similarProposalsShown),
    hiddenCount: candidates.length - visible.length,
  };
};

/** The proposal a card request already created, if any (a retried or double-clicked submission). */
export const findProposalByRequestId = async (
  db: Database,
  requestId: string,
): Promise<ProposalDto | undefined> => {
  const existing = await findProposalByClientRequestId(db, requestId);
  return existing ? loadDto(db, existing.id) : undefined;
};

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
 * 統合: a duplicate becomes `merged` into another open proposal. Both proposals get a history entry
 * (the duplicate its status change, the target the fact that it absorbed one) and the proposers of
 * both are notified, in one transaction. Merging into itself, into a merged or withdrawn proposal, or
 * from a final status is refused.
 */
export const mergeProposals = async (
  db: Database,
  command: MergeProposalsCommand,
  effects?: ProposalEffects,
): Promise<ProposalChangeResult & { into: ProposalDto }> => {
  if (!canTriage(command.actor))
    throw new AppError('FORBIDDEN', { message: 'Merge requires the office role' });
  if (command.proposalId === command.intoId) {
    throw new AppError('VALIDATION', {
      userMessage: '同じ提案には統合できません。',
      details: [{ path: 'intoId', message: '統合先には別の提案を指定してください。' }],
    });
  }
  return db.transaction(async (tx) => {
    // Both rows locked until commit: a concurrent merge or change of either waits, and then sees this
    // one (e.g. the target merged elsewhere meanwhile is refused instead of absorbing a duplicate).
    const locked = await lockProposalRows(tx, [command.proposalId, command.intoId]);
    const current = locked.find((row) => row.id === command.proposalId);
    const target = locked.find((row) => row.id === command.intoId);
    if (!current)
      throw new AppError('NOT_FOUND', {
        message: `Proposal ${command.proposalId} not found`,
        userMessage: '提案が見つかりません。',
      });
    if (!target)
      throw new AppError('VALIDATION', {
        message: `Merge target ${command.intoId} not found`,
        userMessage: '統合先の提案が見つかりません。',
        details: [{ path: 'intoId', message: '統合先の提案が見つかりません。' }],
      });
    if (current.version !== command.expectedVersion) throw conflict();
    if (target.status === 'merged' || target.status === 'withdrawn') {
      throw new AppError('INVALID_TRANSITION', {
        message: `Merge target ${target.id} is ${target.status}`,
        userMessage: `統合先の提案（${target.number}）は「${proposalStatusLabels[target.status as ProposalStatus]}」のため、統合先にできません。`,
      });
    }
    const previousStatus = current.status as ProposalStatus;
    const patch = applyStatusChange(previousStatus, { status: 'merged', mergedIntoId: target.id });
    const updated = await updateProposalIfVersion(tx, current.id, command.expectedVersion, patch);
    if (!updated) throw conflict();
    const changes: HistoryChanges = {
      status: { from: previousStatus, to: 'merged' },
      mergedIntoId: { from: current.mergedIntoId, to: target.id },
    };
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'merged',
      changes,
      comment: command.comment ?? null,
    });
    const targetHistoryId = await appendHistoryEntry(tx, {
      proposalId: target.id,
      actorId: command.actor.userId,
      action: 'merged',
      changes: {
        mergedFrom: { from: null, to: current.number },
        mergedFromId: { from: null, to: current.id },
      },
      comment: command.comment ?? null,
    });
    const [proposal, into] = await loadProposalDtos(tx, [current.id, target.id]);
    if (effects) {
      await notifyProposers(tx, effects, {
        proposal: { ...proposal!, answer: `「${into!.number} ${into!.title}」に統合しました。` },
        previousStatus,
        historyId,
      });
      await notifyProposers(tx, effects, {
        proposal: {
          ...into!,
          answer: `「${proposal!.number} ${proposal!.title}」をこの提案に統合しました。`,
        },
        previousStatus: into!.status,
        historyId: targetHistoryId,
      });
    }
    return { proposal: proposal!, into: into!, previousStatus, changes };
  });
};

const notFoundProject = (projectId: string) =>
  new AppError('NOT_FOUND', {
    message: `Priority project ${projectId} not found`,
    userMessage: '重点案件が見つかりません。',
  });

/** Queues the link (or unlink) card to the proposer and each co-proposer, in the change's transaction. */
const notifyProjectLink = async (
  tx: Transaction,
  effects: ProposalEffects,
  change: { proposal: ProposalDto; project: PriorityProjectRow; linked: boolean; historyId: number },
): Promise<void> => {
  const { proposal, project, linked } = change;
  const view = {
    linked,
    number: proposal.number,
    projectCode: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
    projectTitle: project.title,
  };
  const card = projectLinkCard({
    ...view,
    title: proposal.title,
    deepLink: proposalDeepLink({ ...effects.links, proposalId: proposal.id }),
  });
  await effects.notifications.enqueueToUsers(
    tx,
    [...proposersOf(proposal)].map((userId) => ({
      userId,
      dedupeKey: `proposal-link:${change.historyId}:${userId}`,
      message: { card, summary: projectLinkSummary(view) },
    })),
  );
};

/**
 * Links a proposal to a priority project (idempotent: an existing link changes nothing, writes no
 * history and notifies nobody). Links are not part of the proposal's version. A new link is recorded
 * in the history and the proposers are told, in the same transaction.
 */
export const linkProposalToProject = async (
  db: Database,
  command: { actor: Actor; proposalId: string; projectId: string; comment?: string | null },
  effects?: ProposalEffects,
): Promise<{ proposal: ProposalDto; changed: boolean }> => {
  if (!canTriage(command.actor))
    throw new AppError('FORBIDDEN', { message: 'Linking requires the office role' });
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    const [project] = isUuid(command.projectId)
      ? await findPriorityProjectsByIds(tx, [command.projectId])
      : [];
    if (!project) throw notFoundProject(command.projectId);
    const before = await loadDto(tx, current.id);
    if (before.priorityProjectIds.includes(command.projectId)) return { proposal: before, changed: false };
    await addProjectLinks(tx, current.id, [command.projectId], command.actor.userId);
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'linked',
      changes: { priorityProjectId: { from: null, to: command.projectId } },
      comment: command.comment ?? null,
    });
    const proposal = await loadDto(tx, current.id);
    if (effects) await notifyProjectLink(tx, effects, { proposal, project, linked: true, historyId });
    return { proposal, changed: true };
  });
};

/** Removes a proposal's link to a priority project (idempotent, recorded and notified like linking). */
export const unlinkProposalFromProject = async (
  db: Database,
  command: { actor: Actor; proposalId: string; projectId: string; comment?: string | null },
  effects?: ProposalEffects,
): Promise<{ proposal: ProposalDto; changed: boolean }> => {
  if (!canTriage(command.actor))
    throw new AppError('FORBIDDEN', { message: 'Unlinking requires the office role' });
  return db.transaction(async (tx) => {
    const current = await getProposalRowById(tx, command.proposalId);
    const before = await loadDto(tx, current.id);
    if (!before.priorityProjectIds.includes(command.projectId)) return { proposal: before, changed: false };
    const [project] = await findPriorityProjectsByIds(tx, [command.projectId]);
    await removeProjectLinks(tx, current.id, [command.projectId]);
    const historyId = await appendHistoryEntry(tx, {
      proposalId: current.id,
      actorId: command.actor.userId,
      action: 'unlinked',
      changes: { priorityProjectId: { from: command.projectId, to: null } },
      comment: command.comment ?? null,
    });
    const proposal = await loadDto(tx, current.id);
    // A link always names an existing project (foreign key), so `project` is there.
    if (effects && project)
      await notifyProjectLink(tx, effects, { proposal, project, linked: false, historyId });
    return { proposal, changed: true };
  });
};

export interface BulkStatusCommand {
  actor: Actor;
  items: { id: string; version: number }[];
  /** The triage fields applied to each (status, answer, block reason…). */
  changes: Record<string, unknown>;
  comment?: string | null;
}

export type BulkItemResult = BulkItemResultDto;

/**
 * The same status change on a selection. Not all-or-nothing: each proposal goes through
 * `triageProposal` in its own transaction (same rules, history and notifications as one by one), and
 * the result says, per proposal, whether it changed or why not (e.g. someone else changed it first).
 */
export const bulkChangeStatus = async (
  db: Database,
  command: BulkStatusCommand,
  effects?: ProposalEffects,
): Promise<{ results: BulkItemResult[]; succeeded: number; failed: number }> => {
  if (!canTriage(command.actor))
    throw new AppError('FORBIDDEN', { message: 'Bulk status change requires the office role' });
  const results: BulkItemResult[] = [];
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
        effects,
      );
      results.push({ id: item.id, ok: true, proposal });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
        throw error;
      results.push({ id: item.id, ok: false, code: error.code, message: error.userMessage });
    }
  }
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
};
