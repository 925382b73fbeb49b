import {
  AppError,
  CommentDismissRequestSchema,
  CommentHideRequestSchema,
  CommentPostRequestSchema,
  CommentReportRequestSchema,
  commentLimits,
  parseWith,
  type Actor,
  type CommentDismissRequest,
  type CommentHideRequest,
  type CommentPostRequest,
  type CommentReportRequest,
  type ProposalCommentDto,
  type ProposalCommentsDto,
  type ProposalDto,
  type ReportedCommentsDto,
} from '#shared';
import type { Database, Executor, Transaction } from '../../data/database';
import {
  appendModerationEntry,
  countOpenReports,
  findCommentsByIds,
  findHidings,
  findOpenReports,
  findProposalComments,
  findReportedComments,
  insertComment,
  insertReport,
  lockComment,
  lockUserCommentActions,
  markCommentHidden,
  resolveOpenReports,
  type CommentWithAuthor,
} from '../../data/repositories/comments-repository';
import { getProposalRowById } from '../../data/repositories/proposals-repository';
import type { ProposalCommentRow } from '../../data/schema/proposal-comments';
import type { Notifier } from '../../notifications/notification-port';
import {
  assertCommentAllowed,
  assertCommentReportAllowed,
  type UserActionLimits,
} from '../limits/user-action-limits';
import { audienceOf, canSeeProposal, proposalNotFound } from '../proposals/proposal-access';
import { loadProposal } from '../proposals/proposal-reads';
import {
  canModerateComments,
  canUseComments,
  commentNotFound,
  commentsClosed,
  requireModerator,
} from './comment-access';
import { noticeCommentAdded, noticeCommentReported } from './comment-notices';

/**
 * Comments on published proposals: post, list, report (通報), and the office's hiding and report
 * queue. Each change runs in one transaction with its audit entry and its notifications; the access
 * rule is comment-access.ts.
 */
export interface CommentEffects {
  /** Where the proposers' and the office's notices go; without it nobody is told. */
  notifier?: Notifier | undefined;
  /** Per-user limits (comments per ten minutes, reports per day); without them none apply. */
  limits?: UserActionLimits | undefined;
  now?: Date;
}

interface Moderation {
  hiding?: { body: string | null; actorId: string; actorName: string } | undefined;
  openReports?: number | undefined;
}

/** A comment as the actor sees it: a hidden one keeps neither body nor author for staff. */
const commentAsSeenBy = (
  actor: Actor,
  row: CommentWithAuthor,
  extra: Moderation = {},
): ProposalCommentDto => {
  const moderator = canModerateComments(actor);
  const mine = row.authorId === actor.userId;
  const hidden = row.hiddenAt !== null;
  const author = { id: row.authorId, displayName: row.authorName };
  return {
    id: row.id,
    proposalId: row.proposalId,
    author: hidden && !moderator && !mine ? null : author,
    body: hidden ? null : row.body,
    createdAt: row.createdAt.toISOString(),
    hidden,
    moderation:
      hidden && (moderator || mine)
        ? {
            hiddenAt: row.hiddenAt!.toISOString(),
            reason: row.hiddenReason ?? '',
            hiddenBy:
              moderator && extra.hiding
                ? { id: extra.hiding.actorId, displayName: extra.hiding.actorName }
                : null,
            body: moderator ? (extra.hiding?.body ?? null) : null,
          }
        : null,
    mine,
    reportedByMe: row.reportedByViewer,
    openReports: moderator ? (extra.openReports ?? 0) : 0,
  };
};

/** The comments as the actor sees them, with what moderators also see (hidden bodies, open reports). */
const commentsAsSeenBy = async (
  db: Executor,
  actor: Actor,
  rows: CommentWithAuthor[],
): Promise<ProposalCommentDto[]> => {
  if (!canModerateComments(actor)) return rows.map((row) => commentAsSeenBy(actor, row));
  const ids = rows.map((row) => row.id);
  const hidings = await findHidings(
    db,
    rows.filter((row) => row.hiddenAt !== null).map((row) => row.id),
  );
  const open = await countOpenReports(db, ids);
  return rows.map((row) =>
    commentAsSeenBy(actor, row, { hiding: hidings.get(row.id), openReports: open.get(row.id) }),
  );
};

/** The proposal whose comments the actor opens: published and visible to them, else NOT_FOUND. */
const commentableProposal = async (db: Executor, actor: Actor, proposalId: string): Promise<ProposalDto> => {
  const proposal = await loadProposal(db, (await getProposalRowById(db, proposalId)).id);
  const audience = audienceOf(proposal);
  if (!canSeeProposal(actor, audience)) throw proposalNotFound(proposalId);
  if (!canUseComments(actor, audience)) throw commentsClosed(proposalId);
  return proposal;
};

/**
 * A comment the actor may act on, with its proposal: a reader needs the proposal published and
 * visible; a moderator reaches every comment. Anything else is NOT_FOUND.
 */
const reachableComment = async (
  db: Executor,
  actor: Actor,
  commentId: string,
): Promise<{ comment: CommentWithAuthor; proposal: ProposalDto }> => {
  const [comment] = await findCommentsByIds(db, [commentId], actor.userId);
  if (!comment) throw commentNotFound(commentId);
  const proposal = await loadProposal(db, comment.proposalId);
  if (!canModerateComments(actor) && !canUseComments(actor, audienceOf(proposal)))
    throw commentNotFound(commentId);
  return { comment, proposal };
};

export const listComments = async (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalCommentsDto> => {
  const proposal = await commentableProposal(db, actor, proposalId);
  const { rows, total } = await findProposalComments(db, proposal.id, {
    viewerId: actor.userId,
    limit: commentLimits.listMax,
  });
  return {
    items: await commentsAsSeenBy(db, actor, rows),
    total,
    canModerate: canModerateComments(actor),
  };
};

/** Posts a comment (within the author's limit); the proposers hear of it unless they wrote it. */
export const postComment = async (
  db: Database,
  actor: Actor,
  proposalId: string,
  input: CommentPostRequest,
  effects: CommentEffects = {},
): Promise<ProposalCommentDto> => {
  const { body } = parseWith(CommentPostRequestSchema, input);
  const now = effects.now ?? new Date();
  return db.transaction(async (tx) => {
    const proposal = await commentableProposal(tx, actor, proposalId);
    if (effects.limits) {
      await lockUserCommentActions(tx, actor.userId);
      await assertCommentAllowed(tx, actor.userId, effects.limits, now);
    }
    const row = await insertComment(tx, {
      proposalId: proposal.id,
      authorId: actor.userId,
      body,
      createdAt: now,
    });
    const [comment] = await findCommentsByIds(tx, [row.id], actor.userId);
    await noticeCommentAdded(tx, effects.notifier, {
      proposal,
      commentId: row.id,
      actor,
      authorName: comment!.authorName,
    });
    return commentAsSeenBy(actor, comment!);
  });
};

/**
 * A moderation step of the office on one comment, in one transaction: the comment must be reachable
 * and the actor a moderator; `act` gets the comment locked against a concurrent step, and the comment
 * comes back as the actor now sees it.
 */
const moderateComment = async (
  db: Database,
  actor: Actor,
  commentId: string,
  act: (tx: Transaction, locked: ProposalCommentRow) => Promise<void>,
): Promise<ProposalCommentDto> =>
  db.transaction(async (tx) => {
    await reachableComment(tx, actor, commentId);
    requireModerator(actor);
    const locked = await lockComment(tx, commentId);
    if (!locked) throw commentNotFound(commentId);
    await act(tx, locked);
    const [comment] = await findCommentsByIds(tx, [locked.id], actor.userId);
    return (await commentsAsSeenBy(tx, actor, [comment!]))[0]!;
  });

/**
 * The office hides a comment with a reason: the body moves to the audit log (append-only), the
 * comment keeps its place with 「このコメントは推進室により非表示にされました」, and its open reports
 * are settled.
 */
export const hideComment = async (
  db: Database,
  actor: Actor,
  commentId: string,
  input: CommentHideRequest,
  effects: Pick<CommentEffects, 'now'> = {},
): Promise<ProposalCommentDto> => {
  const { reason } = parseWith(CommentHideRequestSchema, input);
  const now = effects.now ?? new Date();
  return moderateComment(db, actor, commentId, async (tx, locked) => {
    if (
      locked.hiddenAt !== null ||
      !(await markCommentHidden(tx, locked.id, { hiddenBy: actor.userId, reason, at: now }))
    )
      throw alreadyHidden(commentId);
    await appendModerationEntry(tx, {
      commentId: locked.id,
      action: 'hidden',
      actorId: actor.userId,
      reason,
      body: locked.body,
      createdAt: now,
    });
    await resolveOpenReports(tx, locked.id, { by: actor.userId, at: now });
  });
};

/** The office settles a comment's reports without hiding it (recorded in the audit log). */
export const dismissCommentReports = async (
  db: Database,
  actor: Actor,
  commentId: string,
  input: CommentDismissRequest,
  effects: Pick<CommentEffects, 'now'> = {},
): Promise<ProposalCommentDto> => {
  const { reason } = parseWith(CommentDismissRequestSchema, input);
  const now = effects.now ?? new Date();
  return moderateComment(db, actor, commentId, async (tx, locked) => {
    const resolved = await resolveOpenReports(tx, locked.id, { by: actor.userId, at: now });
    if (resolved === 0)
      throw new AppError('CONFLICT', {
        message: `Comment ${commentId} has no open reports`,
        userMessage: 'このコメントへの未対応の通報はありません。',
      });
    await appendModerationEntry(tx, {
      commentId: locked.id,
      action: 'reports_dismissed',
      actorId: actor.userId,
      reason: reason ?? null,
      body: null,
      createdAt: now,
    });
  });
};

/** Anyone who may read a comment reports it to the office, once (not their own, not a hidden one). */
export const reportComment = async (
  db: Database,
  actor: Actor,
  commentId: string,
  input: CommentReportRequest,
  effects: CommentEffects = {},
): Promise<ProposalCommentDto> => {
  const { reason } = parseWith(CommentReportRequestSchema, input);
  const now = effects.now ?? new Date();
  return db.transaction(async (tx) => {
    const { comment, proposal } = await reachableComment(tx, actor, commentId);
    if (!canUseComments(actor, audienceOf(proposal))) throw commentNotFound(commentId);
    if (comment.authorId === actor.userId)
      throw new AppError('FORBIDDEN', {
        message: 'Own comment reported',
        userMessage: '自分のコメントは通報できません。',
      });
    if (comment.hiddenAt !== null) throw alreadyHidden(commentId);
    if (comment.reportedByViewer) throw alreadyReported(commentId);
    if (effects.limits) {
      await lockUserCommentActions(tx, actor.userId);
      await assertCommentReportAllowed(tx, actor.userId, effects.limits, now);
    }
    if (
      !(await insertReport(tx, { commentId: comment.id, reporterId: actor.userId, reason, createdAt: now }))
    )
      throw alreadyReported(commentId);
    const openReports = (await countOpenReports(tx, [comment.id])).get(comment.id) ?? 0;
    await noticeCommentReported(tx, effects.notifier, {
      proposal,
      commentId: comment.id,
      reason,
      openReports,
      now,
    });
    return (await commentsAsSeenBy(tx, actor, [{ ...comment, reportedByViewer: true }]))[0]!;
  });
};

const alreadyHidden = (commentId: string) =>
  new AppError('CONFLICT', {
    message: `Comment ${commentId} is hidden already`,
    userMessage: 'このコメントはすでに非表示になっています。',
  });

const alreadyReported = (commentId: string) =>
  new AppError('CONFLICT', {
    message: `Comment ${commentId} reported twice by the same person`,
    userMessage: 'このコメントはすでに通報済みです。推進室が確認します。',
  });

/** The office's queue: comments with open reports, most recently reported first, with the reports. */
export const listReportedComments = async (db: Database, actor: Actor): Promise<ReportedCommentsDto> => {
  requireModerator(actor);
  const { rows, total } = await findReportedComments(db, commentLimits.queueMax);
  const ids = rows.map((row) => row.commentId);
  const comments = new Map(
    (await commentsAsSeenBy(db, actor, await findCommentsByIds(db, ids, actor.userId))).map((c) => [c.id, c]),
  );
  const reports = await findOpenReports(db, ids);
  return {
    items: rows.flatMap((row) => {
      const comment = comments.get(row.commentId);
      if (!comment) return [];
      return [
        {
          comment,
          proposal: { id: row.proposalId, number: row.number, title: row.title },
          reports: reports
            .filter((report) => report.commentId === row.commentId)
            .map((report) => ({
              reporter: { id: report.reporterId, displayName: report.reporterName },
              reason: report.reason,
              createdAt: report.createdAt.toISOString(),
            })),
          lastReportedAt: row.lastReportedAt.toISOString(),
        },
      ];
    }),
    total,
  };
};
