import type { Actor, ProposalDto } from '#shared';
import type { Executor } from '../../data/database';
import { countFirstReportsSince } from '../../data/repositories/comments-repository';
import { findReachableOfficeUserIds } from '../../data/repositories/office-recipients-repository';
import { notifyCommentAdded, notifyCommentReported } from '../../notifications/comment-notifications';
import type { Notifier } from '../../notifications/notification-port';
import { proposersOf } from '../../notifications/proposal-notifications';

/**
 * Who hears of a new comment, in the comment's transaction: the proposer and co-proposers, never
 * the comment's own author. (The one place to add followers and their batching.)
 */
export const noticeCommentAdded = async (
  tx: Executor,
  notifier: Notifier | undefined,
  event: { proposal: ProposalDto; commentId: string; actor: Actor; authorName: string },
): Promise<void> => {
  if (!notifier) return;
  const recipientIds = proposersOf(event.proposal).filter((userId) => userId !== event.actor.userId);
  await notifyCommentAdded(tx, notifier, {
    proposal: event.proposal,
    commentId: event.commentId,
    authorName: event.authorName,
    recipientIds,
  });
};

/** Office notices of reported comments per 24 hours; past it the queue in the tab still lists them. */
export const reportNoticesPerDay = 20;

/**
 * The office hears of a comment's first open report (later reports of the same comment add to the
 * queue silently), at most `reportNoticesPerDay` comments a day, one card per office member each.
 */
export const noticeCommentReported = async (
  tx: Executor,
  notifier: Notifier | undefined,
  event: {
    proposal: Pick<ProposalDto, 'id' | 'number' | 'title'>;
    commentId: string;
    reason: string;
    openReports: number;
    now: Date;
  },
): Promise<void> => {
  if (!notifier || event.openReports !== 1) return;
  const dayAgo = new Date(event.now.getTime() - 24 * 60 * 60_000);
  // This report is counted too (it is written): the cap lets `reportNoticesPerDay` through.
  if ((await countFirstReportsSince(tx, dayAgo)) > reportNoticesPerDay) return;
  await notifyCommentReported(tx, notifier, {
    proposal: event.proposal,
    commentId: event.commentId,
    reason: event.reason,
    officeIds: await findReachableOfficeUserIds(tx),
  });
};
