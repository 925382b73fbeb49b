import { AppError } from '#shared';
import type { UserActionLimits } from '../../config';
import type { Executor } from '../../data/database';
import { countCommentsSince, countReportsSince } from '../../data/repositories/comments-repository';
import {
  countRecentInstallAttempts,
  countRecentProposals,
  countRecentStamps,
  findRecentInstallTargets,
  recordInstallAttempts,
} from '../../data/repositories/user-activity-repository';

/**
 * What one person can make the bot do: proposals and stamp sends per minute and per day (the last 24
 * hours), stamp recipients per day, proactive installations their stamps may trigger, comments per
 * ten minutes and reports of comments per day. Counted from
 * what is stored, so every server instance sees the same figures. A refusal is a RATE_LIMITED error
 * with a Japanese message (the bot shows it on the form; nothing is written).
 */
export type { UserActionLimits } from '../../config';

const limited = (message: string, userMessage: string) =>
  new AppError('RATE_LIMITED', { message, userMessage });

const perMinute = (what: string) =>
  `短い時間に${what}が続いたため、受け付けを一時的に止めています。1分ほど待ってからもう一度お試しください。`;
const perDay = (what: string, limit: number) =>
  `${what}は24時間で${limit.toLocaleString('ja-JP')}件までです。時間をおいてからお試しください。`;

export const assertProposalAllowed = async (
  db: Executor,
  proposerId: string,
  limits: UserActionLimits,
  now: Date,
): Promise<void> => {
  const recent = await countRecentProposals(db, proposerId, now);
  if (recent.lastMinute >= limits.proposalsPerMinute)
    throw limited(`Proposal limit per minute reached by ${proposerId}`, perMinute('提案の送信'));
  if (recent.lastDay >= limits.proposalsPerDay)
    throw limited(
      `Proposal limit per day reached by ${proposerId}`,
      perDay('提案の送信', limits.proposalsPerDay),
    );
};

export const assertStampSendAllowed = async (
  db: Executor,
  senderId: string,
  recipientCount: number,
  limits: UserActionLimits,
  now: Date,
): Promise<void> => {
  const { sends, recipientsLastDay } = await countRecentStamps(db, senderId, now);
  if (sends.lastMinute >= limits.stampSendsPerMinute)
    throw limited(`Stamp limit per minute reached by ${senderId}`, perMinute('スタンプの送信'));
  if (sends.lastDay >= limits.stampSendsPerDay)
    throw limited(
      `Stamp limit per day reached by ${senderId}`,
      perDay('スタンプの送信', limits.stampSendsPerDay),
    );
  if (recipientsLastDay + recipientCount > limits.stampRecipientsPerDay) {
    throw limited(
      `Stamp recipient limit per day reached by ${senderId}`,
      `スタンプを送れる宛先は24時間で延べ${limits.stampRecipientsPerDay.toLocaleString('ja-JP')}人までです（あと${Math.max(0, limits.stampRecipientsPerDay - recipientsLastDay)}人）。`,
    );
  }
};

/** Comments on proposals: `commentsPer10Minutes` in any ten minutes. */
export const assertCommentAllowed = async (
  db: Executor,
  authorId: string,
  limits: UserActionLimits,
  now: Date,
): Promise<void> => {
  const recent = await countCommentsSince(db, authorId, new Date(now.getTime() - 10 * 60_000));
  if (recent >= limits.commentsPer10Minutes)
    throw limited(
      `Comment limit per 10 minutes reached by ${authorId}`,
      `コメントは10分間に${limits.commentsPer10Minutes.toLocaleString('ja-JP')}件までです。しばらく待ってからもう一度お試しください。`,
    );
};

/** Reports (通報) of comments: `commentReportsPerDay` in the last 24 hours. */
export const assertCommentReportAllowed = async (
  db: Executor,
  reporterId: string,
  limits: UserActionLimits,
  now: Date,
): Promise<void> => {
  const recent = await countReportsSince(db, reporterId, new Date(now.getTime() - 24 * 60 * 60_000));
  if (recent >= limits.commentReportsPerDay)
    throw limited(
      `Comment report limit per day reached by ${reporterId}`,
      perDay('コメントの通報', limits.commentReportsPerDay),
    );
};

/**
 * Of the people a stamp is waiting for, those the app may be installed for now: not pushed to anyone
 * in the last day, within the requester's daily allowance. Recorded as attempted before the caller
 * installs, so a retried send does not push twice.
 */
export const claimAppInstalls = async (
  db: Executor,
  requestedBy: string,
  targetUserIds: string[],
  limits: UserActionLimits,
  now: Date,
): Promise<string[]> => {
  if (targetUserIds.length === 0) return [];
  const recentTargets = await findRecentInstallTargets(db, targetUserIds, now);
  const allowance = limits.appInstallsPerDay - (await countRecentInstallAttempts(db, requestedBy, now));
  const claimed = targetUserIds.filter((id) => !recentTargets.has(id)).slice(0, Math.max(0, allowance));
  await recordInstallAttempts(db, requestedBy, claimed, now);
  return claimed;
};
