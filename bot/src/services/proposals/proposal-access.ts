import { AppError, canTriage, type Actor, type ProposalDto, type ProposalQueueKey } from '#shared';
import type { ProposalVisibility } from '../../data/repositories/proposal-list-filter';

/**
 * Who may see and who may change a proposal and its parts: the one rule, used by every read path
 * (tab API, bot cards, similar check, export, dashboard) and every change.
 *
 * - A proposal: the office (and admins) see every one; the liaisons (所管課担当) of its responsible
 *   division see it; other staff see published proposals and those they proposed or co-proposed. A
 *   proposal someone may not see answers as absent (NOT_FOUND), not forbidden, so its existence does
 *   not leak.
 * - Its internal side (internal notes 内部メモ, drafts of answers, who in the office acted): the office,
 *   admins and the liaisons of its responsible division only (`canSeeInternal`). History entries
 *   apply it in history-access.ts.
 */
/** Who a proposal is for: whether it is published, its proposers, and the division handling it. */
export interface ProposalAudience {
  isPublished: boolean;
  proposerId: string | null;
  coProposerIds: readonly string[];
  responsibleDivisionId: string | null;
}

export const audienceOf = (
  proposal: Pick<ProposalDto, 'isPublished' | 'proposer' | 'coProposers' | 'responsibleDivision'>,
): ProposalAudience => ({
  isPublished: proposal.isPublished,
  proposerId: proposal.proposer?.id ?? null,
  coProposerIds: proposal.coProposers.map((person) => person.id),
  responsibleDivisionId: proposal.responsibleDivision?.id ?? null,
});

/** The proposer or a co-proposer. */
export const isProposerOf = (actor: Actor, proposal: ProposalAudience): boolean =>
  proposal.proposerId === actor.userId || proposal.coProposerIds.includes(actor.userId);

/** A liaison (所管課担当) of the division (a proposal's 所管課, or none yet). */
export const isLiaisonOfDivision = (
  actor: Pick<Actor, 'liaisonDivisionIds'>,
  divisionId: string | null,
): boolean => divisionId !== null && (actor.liaisonDivisionIds ?? []).includes(divisionId);

/** A liaison (所管課担当) of the division the proposal is assigned to. */
export const isLiaisonOf = (actor: Actor, proposal: ProposalAudience): boolean =>
  isLiaisonOfDivision(actor, proposal.responsibleDivisionId);

/** A liaison (所管課担当) of at least one division. */
export const isLiaison = (actor: Actor): boolean => (actor.liaisonDivisionIds ?? []).length > 0;

export const canSeeProposal = (actor: Actor, proposal: ProposalAudience): boolean =>
  canTriage(actor) || proposal.isPublished || isProposerOf(actor, proposal) || isLiaisonOf(actor, proposal);

/** Internal notes, drafts and the names of office members: the office, admins, the 所管課's liaisons. */
export const canSeeInternal = (actor: Actor, proposal: ProposalAudience): boolean =>
  canTriage(actor) || isLiaisonOf(actor, proposal);

/** The same rule as a database condition, for lists and counts: undefined means everything. */
export const visibilityOf = (actor: Actor): ProposalVisibility | undefined =>
  canTriage(actor)
    ? undefined
    : { userId: actor.userId, liaisonDivisionIds: [...(actor.liaisonDivisionIds ?? [])] };

/**
 * Whether a work queue is the actor's, and over which divisions: the office opens every queue over
 * every division; a liaison opens 自分の課 and 所管課の回答待ち over their own divisions only (an office
 * member who is also a liaison gets 自分の課 over theirs). null: not the actor's queue.
 */
export const queueReachOf = (
  actor: Actor,
  key: ProposalQueueKey,
): { divisionIds?: readonly string[] } | null => {
  const own = { divisionIds: [...(actor.liaisonDivisionIds ?? [])] };
  if (key === 'my_division') return isLiaison(actor) ? own : null;
  if (canTriage(actor)) return {};
  return key === 'awaiting_division' && isLiaison(actor) ? own : null;
};

/**
 * What a shared conversation (a channel, a group chat) may be shown by the bot: what every member
 * may see, whoever asked — published proposals only, never the asker's own or the office's view.
 */
export const sharedAudienceFilter = (): { publishedOnly: true } => ({ publishedOnly: true });

export const proposalNotFound = (id: string): AppError =>
  new AppError('NOT_FOUND', { message: `Proposal ${id} not found`, userMessage: '提案が見つかりません。' });

/** Throws NOT_FOUND unless the actor may see the proposal. */
export const requireVisible = <
  T extends Pick<ProposalDto, 'id' | 'isPublished' | 'proposer' | 'coProposers' | 'responsibleDivision'>,
>(
  actor: Actor,
  proposal: T,
): T => {
  if (!canSeeProposal(actor, audienceOf(proposal))) throw proposalNotFound(proposal.id);
  return proposal;
};

/**
 * Notes and drafts: the office and the 所管課's liaisons. Someone who may not see the proposal is told
 * it does not exist; someone who may see it but not its internal side is refused.
 */
export const requireInternal = (
  actor: Actor,
  proposal: Pick<ProposalDto, 'id' | 'isPublished' | 'proposer' | 'coProposers' | 'responsibleDivision'>,
): void => {
  requireVisible(actor, proposal);
  if (!canSeeInternal(actor, audienceOf(proposal))) {
    throw new AppError('FORBIDDEN', {
      message: 'Internal work requires the office or the liaison role',
      userMessage: 'この操作は推進室と所管課の担当者だけが行えます。',
    });
  }
};

/** Triage, merges, links, imports and exports are the office's work. */
export const requireOffice = (actor: Actor, action: string, userMessage?: string): void => {
  if (!canTriage(actor)) {
    throw new AppError('FORBIDDEN', { message: `${action} requires the office role`, userMessage });
  }
};

/** Withdrawal is the proposer's own act. */
export const requireProposer = (actor: Actor, proposal: { proposerId: string | null }): void => {
  if (proposal.proposerId !== actor.userId) {
    throw new AppError('FORBIDDEN', { userMessage: '取下げは提案者本人のみが行えます。' });
  }
};

export const versionConflict = (): AppError =>
  new AppError('CONFLICT', {
    message: 'Proposal version mismatch',
    userMessage: 'この提案は他の人が先に更新しました。画面を更新して最新の内容を確認してください。',
  });
