import type { Actor, ProposalDto } from '#shared';
import type { Executor } from '../../data/database';
import { countFirstReportsSince } from '../../data/repositories/comments-repository';
import { findReachableOfficeUserIds } from '../../data/repositories/office-recipients-repository';
import { notifyCommentReported } from '../../notifications/comment-notifications';
import type { Notifier } from '../../notifications/notification-port';
import { queueFollowerUpdate } from '../engagement/follower-updates';

/**
 * Who hears of a new comment, in the comment's transaction: the proposer, co-proposers and followers,
 * never the comment's own author, each by their notification preference (すぐに / 1日1回まとめて /
 * 通知しない). The news names the author only: the office may hide the comment after it is sent.
 */
export const noticeCommentAdded = async (
  tx: Executor,
  notifier: Notifier | undefined,
  event: { proposal: ProposalDto; commentId: string; actor: Actor; authorName: string },
): Promise<void> => {
  await queueFollowerUpdate(
    tx,
    {
      proposalId: event.proposal.id,
      kind: 'comment',
      summary: `${event.authorName}さんがコメントしました`,
      actorUserId: event.actor.userId,
    },
    notifier,
  );
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
