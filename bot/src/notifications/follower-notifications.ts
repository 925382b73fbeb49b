import { followerUpdateKindLabels, type FollowerUpdateKind } from '#shared';
import {
  followerDigestCard,
  followerDigestSummary,
  followerUpdateCard,
  followerUpdateSummary,
  proposalDeepLink,
  proposalsTabLink,
  type FollowerDigestItem,
} from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';

/** Dedupe key of a follower update sent at once as its own card. */
export const followerUpdateDedupeKey = (updateId: number): string => `follower-update:${updateId}`;

/** Prefix of a person's digest key for a Tokyo day: `follower-digest:<YYYY-MM-DD>:` + their id. */
export const followerDigestKeyPrefix = (date: string): string => `follower-digest:${date}:`;

/** A change to a followed proposal, for the followers who want to hear at once. */
export interface FollowerUpdateEvent {
  proposal: { id: string; number: string; title: string };
  kind: FollowerUpdateKind;
  summary: string;
  /** The follower_updates rows: one per person to tell now. */
  recipients: readonly { updateId: number; userId: string }[];
}

/** Queues one card per follower who wants changes at once, in the change's own transaction. */
export const notifyFollowersNow = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, kind, summary, recipients }: FollowerUpdateEvent,
): Promise<void> => {
  if (recipients.length === 0) return;
  const view = {
    number: proposal.number,
    title: proposal.title,
    kindLabel: followerUpdateKindLabels[kind] ?? '更新',
    summary,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  };
  const message = { card: followerUpdateCard(view), summary: followerUpdateSummary(view) };
  await notifier.notifications.enqueueToUsers(
    tx,
    recipients.map(({ updateId, userId }) => ({
      userId,
      dedupeKey: followerUpdateDedupeKey(updateId),
      message,
    })),
  );
};

/** Proposals one digest card names; the rest are counted (a card stays well under Teams' size limit). */
export const digestMaxProposals = 8;
/** Changes shown per proposal; the rest are counted. */
const digestMaxChanges = 3;

/** One person's day: the changes of each followed proposal, oldest first. */
export interface FollowerDigest {
  userId: string;
  proposals: readonly {
    id: string;
    number: string;
    title: string;
    changes: readonly { kind: FollowerUpdateKind; summary: string }[];
  }[];
}

/** Queues each person's daily digest: one card, deduplicated per person and Tokyo day. */
export const notifyFollowerDigests = async (
  tx: Executor,
  notifier: Notifier,
  { date, digests }: { date: string; digests: readonly FollowerDigest[] },
): Promise<void> => {
  const listLink = proposalsTabLink(notifier.links);
  await notifier.notifications.enqueueToUsers(
    tx,
    digests.map(({ userId, proposals }) => {
      const items: FollowerDigestItem[] = proposals.slice(0, digestMaxProposals).map((proposal) => {
        const lines = proposal.changes.map(
          (change) => `${followerUpdateKindLabels[change.kind] ?? '更新'}: ${change.summary}`,
        );
        return {
          number: proposal.number,
          title: proposal.title,
          changes:
            lines.length > digestMaxChanges
              ? [...lines.slice(0, digestMaxChanges), `ほか${lines.length - digestMaxChanges}件の更新`]
              : lines,
          deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
        };
      });
      return {
        userId,
        dedupeKey: `${followerDigestKeyPrefix(date)}${userId}`,
        message: {
          card: followerDigestCard({ items, more: proposals.length - items.length, listLink }),
          summary: followerDigestSummary(proposals.length),
        },
      };
    }),
  );
};
