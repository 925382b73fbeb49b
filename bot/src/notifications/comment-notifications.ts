import type { ProposalDto } from '#shared';
import {
  commentAddedCard,
  commentAddedSummary,
  commentReportedCard,
  commentReportedSummary,
  proposalDeepLink,
} from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';

/** Someone commented on a proposal (comment `commentId`); `recipientIds` hear of it. */
export interface CommentAddedEvent {
  proposal: ProposalDto;
  commentId: string;
  authorName: string;
  recipientIds: readonly string[];
}

/** Queues the comment card to each recipient, in the comment's own transaction. */
export const notifyCommentAdded = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, commentId, authorName, recipientIds }: CommentAddedEvent,
): Promise<void> => {
  if (recipientIds.length === 0) return;
  const view = {
    number: proposal.number,
    title: proposal.title,
    authorName,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  };
  const message = { card: commentAddedCard(view), summary: commentAddedSummary(view) };
  await notifier.notifications.enqueueToUsers(
    tx,
    recipientIds.map((userId) => ({ userId, dedupeKey: `proposal-comment:${commentId}:${userId}`, message })),
  );
};

/** A comment was reported (report `reportKey`); the office hears of it. */
export interface CommentReportedEvent {
  proposal: Pick<ProposalDto, 'id' | 'number' | 'title'>;
  commentId: string;
  reason: string;
  officeIds: readonly string[];
}

/** Queues the report card to each of the office, in the report's transaction (one per comment). */
export const notifyCommentReported = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, commentId, reason, officeIds }: CommentReportedEvent,
): Promise<void> => {
  if (officeIds.length === 0) return;
  const view = {
    number: proposal.number,
    title: proposal.title,
    reason,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  };
  const message = { card: commentReportedCard(view), summary: commentReportedSummary(view) };
  await notifier.notifications.enqueueToUsers(
    tx,
    officeIds.map((userId) => ({ userId, dedupeKey: `comment-reported:${commentId}:${userId}`, message })),
  );
};
