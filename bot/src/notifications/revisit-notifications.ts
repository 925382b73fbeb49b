import { createHash } from 'node:crypto';
import { blockReasonLabels } from '#shared';
import { proposalDeepLink, proposalQueueLink, revisitDigestCard, revisitDigestSummary } from '../cards/index';
import type { Executor } from '../data/database';
import type { DueRevisit } from '../data/repositories/proposal-revisits-repository';
import type { Notifier } from './notification-port';

/** 「その他」 proposals reached their 再検討時期 (announced for `today`, a Tokyo date). */
export interface RevisitsDueEvent {
  today: string;
  proposals: DueRevisit[];
  recipientIds: string[];
}

/** One digest card to each recipient, in the job's transaction. */
export const notifyRevisitsDue = async (
  tx: Executor,
  notifier: Notifier,
  { today, proposals, recipientIds }: RevisitsDueEvent,
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
    queueLink: proposalQueueLink({ publicUrl: notifier.links.publicUrl, queue: 'revisit_due' }),
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
