import type { ProposalDto } from '#shared';
import { commentReportedCard, commentReportedSummary, proposalDeepLink } from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';

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
