import { createHash } from 'node:crypto';
import { blockReasonLabels, type ProposalQueueKey } from '#shared';
import { proposalDeepLink, proposalQueueLink, revisitDigestCard, revisitDigestSummary } from '../cards/index';
import type { Executor } from '../data/database';
import type { DueRevisit } from '../data/repositories/proposal-revisits-repository';
import type { Notifier } from './notification-port';

/** One digest: the proposals its recipients hear of, and the tab's queue it links to. */
export interface RevisitDigest {
  recipientIds: string[];
  proposals: DueRevisit[];
  /** 再検討時期が到来 for the office, 自分の課 for a liaison. */
  queue: Extract<ProposalQueueKey, 'revisit_due' | 'my_division'>;
}

/** 「その他」 proposals reached their 再検討時期 (announced for `today`, a Tokyo date). */
export interface RevisitsDueEvent {
  today: string;
  digests: RevisitDigest[];
}

/** One digest card to each recipient, in the job's transaction. */
export const notifyRevisitsDue = async (
  tx: Executor,
  notifier: Notifier,
  { today, digests }: RevisitsDueEvent,
): Promise<void> => {
  for (const digest of digests) await notifyDigest(tx, notifier, today, digest);
};

const notifyDigest = async (
  tx: Executor,
  notifier: Notifier,
  today: string,
  { recipientIds, proposals, queue }: RevisitDigest,
): Promise<void> => {
  if (proposals.length === 0 || recipientIds.length === 0) return;
  const card = revisitDigestCard({
    today,
    items: proposals.map((proposal) => ({
      number: proposal.number,
      title: proposal.title,
      revisitOn: proposal.revisitOn,
      blockReasonLabel: blockReasonLabels[proposal.blockReason],
      deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
    })),
    queueLink: proposalQueueLink({ publicUrl: notifier.links.publicUrl, queue }),
    queueLabel: queue === 'revisit_due' ? '再検討の一覧を開く' : '自分の課の一覧を開く',
  });
  const message = { card, summary: revisitDigestSummary(proposals.length) };
  // The day and what the digest holds: a retried run sends nothing twice, a later run the same day
  // with other proposals (a date set in the past after the morning's run) sends its own digest.
  const digestId = createHash('sha256')
    .update(proposals.map((proposal) => `${proposal.id}@${proposal.revisitOn}`).join(','))
    .digest('base64url')
    .slice(0, 16);
  await notifier.notifications.enqueueToUsers(
    tx,
    recipientIds.map((userId) => ({
      userId,
      dedupeKey: `revisit-digest:${today}:${digestId}:${userId}`,
      message,
    })),
  );
};
