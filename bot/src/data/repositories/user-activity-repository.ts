import { and, count, countDistinct, eq, gt, inArray, sql } from 'drizzle-orm';
import { builtPerExecutor, type Executor } from '../database';
import { appInstallAttempts, proposals, stamps } from '../schema/index';

/**
 * What one person made the bot do lately, for the per-user limits. Each count is one index range scan
 * over that person's last day (proposals by proposer and time, stamps by sender and time).
 */
export interface RecentCounts {
  lastMinute: number;
  lastDay: number;
}

const windows = (now: Date) => ({
  minuteAgo: new Date(now.getTime() - 60_000),
  dayAgo: new Date(now.getTime() - 24 * 60 * 60_000),
});

// Named and built once: read before every accepted submission (see queryNamedRows, builtPerExecutor).
const recentProposalsQuery = builtPerExecutor((db) =>
  db
    .select({
      lastMinute:
        sql<number>`count(*) filter (where ${proposals.submittedAt} > ${sql.placeholder('minuteAgo')})`.mapWith(
          Number,
        ),
      lastDay: count(),
    })
    .from(proposals)
    .where(
      and(
        eq(proposals.proposerId, sql.placeholder('proposerId')),
        gt(proposals.submittedAt, sql.placeholder('dayAgo')),
      ),
    )
    .prepare('recent_proposals'),
);

export const countRecentProposals = async (
  db: Executor,
  proposerId: string,
  now: Date,
): Promise<RecentCounts> => {
  const [row] = await recentProposalsQuery(db).execute({ proposerId, ...windows(now) });
  return { lastMinute: row?.lastMinute ?? 0, lastDay: row?.lastDay ?? 0 };
};

const recentStampsQuery = builtPerExecutor((db) =>
  db
    .select({
      sendsLastMinute:
        sql<number>`count(distinct ${stamps.requestId}) filter (where ${stamps.sentAt} > ${sql.placeholder('minuteAgo')})`.mapWith(
          Number,
        ),
      sendsLastDay: countDistinct(stamps.requestId),
      recipientsLastDay: count(),
    })
    .from(stamps)
    .where(
      and(eq(stamps.senderId, sql.placeholder('senderId')), gt(stamps.sentAt, sql.placeholder('dayAgo'))),
    )
    .prepare('recent_stamps'),
);

/** Sends (one request to any number of recipients) and recipients (stamps) of the last minute and day. */
export const countRecentStamps = async (
  db: Executor,
  senderId: string,
  now: Date,
): Promise<{ sends: RecentCounts; recipientsLastDay: number }> => {
  const [row] = await recentStampsQuery(db).execute({ senderId, ...windows(now) });
  return {
    sends: { lastMinute: row?.sendsLastMinute ?? 0, lastDay: row?.sendsLastDay ?? 0 },
    recipientsLastDay: row?.recipientsLastDay ?? 0,
  };
};

export const countRecentInstallAttempts = async (db: Executor, requestedBy: string, now: Date) => {
  const [row] = await db
    .select({ total: count() })
    .from(appInstallAttempts)
    .where(
      and(
        eq(appInstallAttempts.requestedBy, requestedBy),
        gt(appInstallAttempts.attemptedAt, windows(now).dayAgo),
      ),
    );
  return row?.total ?? 0;
};

/** Which of these people had the app pushed to them in the last day (by anyone). */
export const findRecentInstallTargets = async (
  db: Executor,
  targetUserIds: string[],
  now: Date,
): Promise<Set<string>> => {
  if (targetUserIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: appInstallAttempts.targetUserId })
    .from(appInstallAttempts)
    .where(
      and(
        inArray(appInstallAttempts.targetUserId, targetUserIds),
        gt(appInstallAttempts.attemptedAt, windows(now).dayAgo),
      ),
    );
  return new Set(rows.map((row) => row.id));
};

export const recordInstallAttempts = async (
  db: Executor,
  requestedBy: string,
  targetUserIds: string[],
  now: Date,
): Promise<void> => {
  if (targetUserIds.length === 0) return;
  await db
    .insert(appInstallAttempts)
    .values(targetUserIds.map((targetUserId) => ({ requestedBy, targetUserId, attemptedAt: now })));
};
