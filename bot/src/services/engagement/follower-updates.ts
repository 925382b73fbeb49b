import { proposalStatusLabels, tokyoIsoDate, type FollowerUpdateKind, type ProposalStatus } from '#shared';
import type { Database, Executor } from '../../data/database';
import {
  claimFollowerDigestRows,
  insertFollowerUpdates,
  markFollowerUpdatesSent,
} from '../../data/repositories/engagement-repository';
import { getProposalRowById } from '../../data/repositories/proposals-repository';
import {
  followerDigestKeyPrefix,
  followerUpdateDedupeKey,
  notifyFollowerDigests,
  notifyFollowersNow,
  type FollowerDigest,
} from '../../notifications/follower-notifications';
import type { Notifier } from '../../notifications/notification-port';

/**
 * What followers (フォロー) of a proposal hear, and when.
 *
 * A change that followers should hear of calls `queueFollowerUpdate` inside its own transaction. It
 * writes one `follower_updates` row per person to tell, so the news exists exactly when the change
 * committed. Each person's `notification_preference` decides the rest:
 * - すぐに ('immediate'): a card of its own is queued at once (the durable notification path), when
 *   the caller passes its notifier; without one the row waits for the next digest;
 * - 1日1回まとめて ('daily', the default): the daily job (jobs/follower-digest-jobs.ts, 08:00 Tokyo)
 *   sends one card per person listing every change since their last digest;
 * - 通知しない ('none'): nothing is written.
 * These are the non-essential notifications: the proposer's own status cards
 * (notifications/proposal-notifications.ts) are sent whatever the preference says.
 */

/**
 * Kinds the proposer and co-proposers are told of by a card of their own (the status card, which
 * also carries the answer; the adoption notice): they are left out of the followers' news. For the
 * other kinds (a 重点案件's progress, a comment) they hear like followers, by their preference.
 */
const kindsToldToProposersDirectly: ReadonlySet<FollowerUpdateKind> = new Set([
  'status',
  'answer',
  'adoption',
]);

export interface FollowerUpdateInput {
  proposalId: string;
  /** What happened: 'status' | 'answer' | 'project_progress' | 'comment' | 'adoption'. */
  kind: FollowerUpdateKind;
  /** One Japanese line, shown as is (plain text) in the card, e.g. 「状況が「実現完了」になりました」. */
  summary: string;
  /** Who made the change: never told of their own act. Null for the system. */
  actorUserId: string | null;
}

/**
 * Tells the followers of a proposal of a change, in the caller's transaction `tx`: call it from the
 * service that made the change, after the change. Followers are those who support it, co-proposed it
 * or follow it by hand; the actor is left out, and so are the proposers for the kinds they are told
 * of directly; only people who may still see the proposal (published, or their own) are told.
 * Returns how many people were written a row.
 *
 * @example await queueFollowerUpdate(tx, { proposalId, kind: 'comment', summary: '新しいコメントがあります', actorUserId: actor.userId }, notifier);
 */
export const queueFollowerUpdate = async (
  tx: Executor,
  input: FollowerUpdateInput,
  notifier?: Notifier,
): Promise<number> => {
  const rows = await insertFollowerUpdates(tx, {
    proposalId: input.proposalId,
    kind: input.kind,
    summary: input.summary,
    excludeUserIds: input.actorUserId ? [input.actorUserId] : [],
    includeProposers: !kindsToldToProposersDirectly.has(input.kind),
    deliverImmediately: notifier !== undefined,
  });
  const now = rows.filter((row) => row.immediate);
  if (notifier && now.length > 0) {
    const proposal = await getProposalRowById(tx, input.proposalId);
    await notifyFollowersNow(tx, notifier, {
      proposal,
      kind: input.kind,
      summary: input.summary,
      recipients: now.map((row) => ({ updateId: row.id, userId: row.userId })),
    });
    await markFollowerUpdatesSent(
      tx,
      now.map((row) => ({ id: row.id, dedupeKey: followerUpdateDedupeKey(row.id) })),
    );
  }
  return rows.length;
};

/** The digest goes out from this hour on (Tokyo): the schedule fires at 08:00. */
export const followerDigestHour = 8;

/**
 * The followers' daily digest: everything waiting for each person who wants one goes into one card
 * (per person and Tokyo day: the dedupe key), in one transaction. Safe to run more than once a day
 * and in several processes: a person who had today's digest keeps the rest for tomorrow's.
 */
export const queueFollowerDigests = async (
  db: Database,
  notifier: Notifier,
  now: Date,
): Promise<{ date: string; recipients: number; updates: number }> => {
  const date = tokyoIsoDate(now);
  return db.transaction(async (tx) => {
    const rows = await claimFollowerDigestRows(tx, { now, keyPrefix: followerDigestKeyPrefix(date) });
    const byUser = new Map<string, Map<string, FollowerDigest['proposals'][number]>>();
    for (const row of rows) {
      if (!row.visible) continue;
      const proposals = byUser.get(row.userId) ?? new Map();
      byUser.set(row.userId, proposals);
      const proposal = proposals.get(row.proposalId) ?? {
        id: row.proposalId,
        number: row.number,
        title: row.title,
        changes: [],
      };
      proposals.set(row.proposalId, {
        ...proposal,
        changes: [...proposal.changes, { kind: row.kind, summary: row.summary }],
      });
    }
    const digests: FollowerDigest[] = [...byUser].map(([userId, proposals]) => ({
      userId,
      proposals: [...proposals.values()],
    }));
    if (digests.length > 0) await notifyFollowerDigests(tx, notifier, { date, digests });
    return { date, recipients: digests.length, updates: rows.length };
  });
};

/**
 * The follower's line for a triage that changed the status and/or the answer, with its kind; null
 * when neither changed (nothing for followers).
 */
export const statusOrAnswerUpdate = (change: {
  status?: ProposalStatus | undefined;
  answerChanged: boolean;
  answer: string | null;
}): { kind: FollowerUpdateKind; summary: string } | null => {
  const answered = change.answerChanged && Boolean(change.answer);
  if (change.status) {
    const line = `状況が「${proposalStatusLabels[change.status]}」になりました`;
    return { kind: 'status', summary: answered ? `${line}（回答があります）` : line };
  }
  return answered ? { kind: 'answer', summary: '推進室からの回答が更新されました' } : null;
};
