import {
  internalHistoryActions,
  type Actor,
  type HistoryAction,
  type HistoryChanges,
  type ProposalHistoryEntryDto,
} from '#shared';
import { canSeeInternal, isProposerOf, type ProposalAudience } from './proposal-access';

/** A history entry as stored, with its actor's name. */
export interface HistoryRecord {
  id: number;
  action: HistoryAction;
  changes: HistoryChanges;
  comment: string | null;
  commentPublic: boolean;
  signed: boolean;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
}

/** Whether the actor may see an entry at all: notes and drafts (internal actions) need the internal view. */
export const canSeeHistoryEntry = (
  actor: Actor,
  proposal: ProposalAudience,
  entry: Pick<HistoryRecord, 'action'>,
): boolean => !internalHistoryActions.includes(entry.action) || canSeeInternal(actor, proposal);

/**
 * Whether the actor may read an entry's comment: a public comment (a proposer's own reason) whoever
 * may see the proposal; an internal note (内部メモ, the default) only with the internal view.
 */
export const canSeeHistoryComment = (
  actor: Actor,
  proposal: ProposalAudience,
  entry: Pick<HistoryRecord, 'commentPublic'>,
): boolean => entry.commentPublic || canSeeInternal(actor, proposal);

/**
 * Whether the actor may see who made a change: with the internal view always; otherwise only the
 * proposers' own acts (their names are on the proposal anyway), the system's, and answers the office
 * chose to sign. An office member's name is never shown to staff otherwise.
 */
export const canSeeHistoryActor = (
  actor: Actor,
  proposal: ProposalAudience,
  entry: Pick<HistoryRecord, 'actorId' | 'signed'>,
): boolean =>
  canSeeInternal(actor, proposal) ||
  entry.signed ||
  entry.actorId === null ||
  isProposerOf({ userId: entry.actorId, roles: [] }, proposal);

/**
 * Fields of a change that name another proposal the reader may not see: which duplicate was merged
 * into this one (its number). Shown with the internal view only.
 */
const internalChangeFields = new Set(['mergedFrom', 'mergedFromId']);

const changesAsSeen = (changes: HistoryChanges, internal: boolean): HistoryChanges =>
  internal
    ? changes
    : Object.fromEntries(Object.entries(changes).filter(([field]) => !internalChangeFields.has(field)));

/**
 * One history entry as the actor may see it (the caller has checked that they may see the proposal):
 * what changed and when (but not which other proposal was merged into it) always; the comment and the
 * actor's name by the rules above.
 */
export const historyEntryAsSeenBy = (
  actor: Actor,
  proposal: ProposalAudience,
  entry: HistoryRecord,
): ProposalHistoryEntryDto => {
  const commentShown = canSeeHistoryComment(actor, proposal, entry);
  const actorShown = canSeeHistoryActor(actor, proposal, entry);
  return {
    id: entry.id,
    action: entry.action,
    changes: changesAsSeen(entry.changes, canSeeInternal(actor, proposal)),
    comment: commentShown ? entry.comment : null,
    commentInternal: commentShown && entry.comment !== null && !entry.commentPublic,
    signed: entry.signed,
    createdAt: entry.createdAt.toISOString(),
    actorId: actorShown ? entry.actorId : null,
    actorName: actorShown ? entry.actorName : null,
    actorHidden: !actorShown,
  };
};

export const historyAsSeenBy = (
  actor: Actor,
  proposal: ProposalAudience,
  entries: readonly HistoryRecord[],
): ProposalHistoryEntryDto[] =>
  entries
    .filter((entry) => canSeeHistoryEntry(actor, proposal, entry))
    .map((entry) => historyEntryAsSeenBy(actor, proposal, entry));
