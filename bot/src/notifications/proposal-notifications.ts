import {
  blockReasonLabels,
  formatPriorityProjectCode,
  proposalStatusLabels,
  type ProposalDto,
  type ProposalStatus,
} from '#shared';
import { createHash } from 'node:crypto';
import {
  divisionAssignedCard,
  divisionAssignedSummary,
  divisionsAssignedCard,
  divisionsAssignedSummary,
  liaisonDigestCard,
  liaisonDigestSummary,
  projectLinkCard,
  projectLinkSummary,
  proposalDeepLink,
  proposalQueueLink,
  proposalWithdrawnCard,
  proposalsTabLink,
  statusChangedCard,
} from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';

/** The proposer and co-proposers of a proposal, once each: who hears about it. */
export const proposersOf = (proposal: ProposalDto): string[] => [
  ...new Set(
    [proposal.proposer?.id, ...proposal.coProposers.map((person) => person.id)].filter((id): id is string =>
      Boolean(id),
    ),
  ),
];

/** A proposal's status, answer or handling changed (history entry `historyId`). */
export interface ProposalChangedEvent {
  proposal: ProposalDto;
  /** The status before the change; the current one when the status did not change. */
  previousStatus: ProposalStatus | undefined;
  historyId: number;
}

/** Queues a status card to the proposer and each co-proposer, in the change's own transaction. */
export const notifyProposalChanged = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, previousStatus, historyId }: ProposalChangedEvent,
): Promise<void> => {
  const card = statusChangedCard({
    number: proposal.number,
    title: proposal.title,
    previousStatusLabel: proposalStatusLabels[previousStatus ?? proposal.status],
    statusLabel: proposalStatusLabels[proposal.status],
    answer: proposal.answer,
    ...(proposal.blockReason ? { blockReasonLabel: blockReasonLabels[proposal.blockReason] } : {}),
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  });
  const summary = `提案 ${proposal.number} の状況が「${proposalStatusLabels[proposal.status]}」になりました`;
  await notifier.notifications.enqueueToUsers(
    tx,
    proposersOf(proposal).map((userId) => ({
      userId,
      dedupeKey: `proposal-status:${historyId}:${userId}`,
      message: { card, summary },
    })),
  );
};

/** A proposal was linked to (or unlinked from) a priority project (history entry `historyId`). */
export interface ProjectLinkChangedEvent {
  proposal: ProposalDto;
  project: { fiscalYear: number; themeNo: number; itemNo: number; title: string };
  linked: boolean;
  historyId: number;
}

/** Queues the link (or unlink) card to the proposer and each co-proposer, in the change's transaction. */
export const notifyProjectLinkChanged = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, project, linked, historyId }: ProjectLinkChangedEvent,
): Promise<void> => {
  const view = {
    linked,
    number: proposal.number,
    projectCode: formatPriorityProjectCode(project.fiscalYear, project.themeNo, project.itemNo),
    projectTitle: project.title,
  };
  const card = projectLinkCard({
    ...view,
    title: proposal.title,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  });
  await notifier.notifications.enqueueToUsers(
    tx,
    proposersOf(proposal).map((userId) => ({
      userId,
      dedupeKey: `proposal-link:${historyId}:${userId}`,
      message: { card, summary: projectLinkSummary(view) },
    })),
  );
};

/**
 * Many assignments at once (a bulk change): each liaison gets one card listing theirs, or the usual
 * card when only one is theirs (the same dedupe key as one by one), in one transaction.
 */
export const notifyDivisionAssignments = async (
  tx: Executor,
  notifier: Notifier,
  events: readonly DivisionAssignedEvent[],
): Promise<void> => {
  const byLiaison = new Map<string, DivisionAssignedEvent[]>();
  for (const event of events) {
    if (!event.proposal.responsibleDivision) continue;
    for (const userId of event.liaisonIds) byLiaison.set(userId, [...(byLiaison.get(userId) ?? []), event]);
  }
  const batchId = createHash('sha256')
    .update(events.map((event) => event.historyId).join(','))
    .digest('base64url')
    .slice(0, 16);
  const queueLink = proposalQueueLink({ publicUrl: notifier.links.publicUrl, queue: 'my_division' });
  await notifier.notifications.enqueueToUsers(
    tx,
    [...byLiaison].map(([userId, theirs]) => {
      if (theirs.length === 1) {
        const { dedupeKey, message } = assignedMessage(notifier, theirs[0]!);
        return { userId, dedupeKey: `${dedupeKey}:${userId}`, message };
      }
      const items = theirs.map((event) => assignedView(notifier, event.proposal));
      return {
        userId,
        dedupeKey: `proposals-assigned:${batchId}:${userId}`,
        message: {
          card: divisionsAssignedCard({ items, queueLink }),
          summary: divisionsAssignedSummary(items.length),
        },
      };
    }),
  );
};

const assignedView = (notifier: Notifier, proposal: ProposalDto) => ({
  number: proposal.number,
  title: proposal.title,
  divisionName: proposal.responsibleDivision?.name ?? '',
  statusLabel: proposalStatusLabels[proposal.status],
  deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
});

const assignedMessage = (notifier: Notifier, { proposal, historyId }: DivisionAssignedEvent) => {
  const view = assignedView(notifier, proposal);
  return {
    dedupeKey: `proposal-assigned:${historyId}`,
    message: { card: divisionAssignedCard(view), summary: divisionAssignedSummary(view) },
  };
};

/** A proposal was assigned (or re-assigned) to a division (history entry `historyId`). */
export interface DivisionAssignedEvent {
  proposal: ProposalDto;
  /** The liaisons (所管課担当) of the division it now belongs to. */
  liaisonIds: readonly string[];
  historyId: number;
}

/** Queues the assignment card to each liaison of the new 所管課, in the change's transaction. */
export const notifyDivisionAssigned = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, liaisonIds, historyId }: DivisionAssignedEvent,
): Promise<void> => {
  if (!proposal.responsibleDivision || liaisonIds.length === 0) return;
  const { dedupeKey, message } = assignedMessage(notifier, { proposal, liaisonIds, historyId });
  await notifier.notifications.enqueueToUsers(
    tx,
    liaisonIds.map((userId) => ({ userId, dedupeKey: `${dedupeKey}:${userId}`, message })),
  );
};

/** The proposer withdrew their proposal (history entry `historyId`): the office hears of it. */
export interface ProposalWithdrawnEvent {
  proposal: ProposalDto;
  comment: string | null;
  historyId: number;
  officeIds: string[];
}

/** Queues the withdrawal card to each of the office, in the withdrawal's transaction. */
export const notifyProposalWithdrawn = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, comment, historyId, officeIds }: ProposalWithdrawnEvent,
): Promise<void> => {
  const card = proposalWithdrawnCard({
    number: proposal.number,
    title: proposal.title,
    proposerName: proposal.proposer?.displayName ?? proposal.proposerName,
    comment,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: proposal.id }),
  });
  const summary = `提案 ${proposal.number} が取り下げられました`;
  await notifier.notifications.enqueueToUsers(
    tx,
    officeIds.map((userId) => ({
      userId,
      dedupeKey: `proposal-withdrawn:${historyId}:${userId}`,
      message: { card, summary },
    })),
  );
};

/** A liaison's daily digest of what waits for them (see services/proposals/liaison-digest.ts). */
export interface LiaisonDigestEvent {
  userId: string;
  /** The Tokyo date it is for (YYYY-MM-DD): one digest per liaison and day, however often it runs. */
  date: string;
  total: number;
  items: readonly { number: string; title: string; status: ProposalStatus }[];
}

/** Queues the digests, one card per liaison, deduplicated per day. */
export const notifyLiaisonDigests = async (
  tx: Executor,
  notifier: Notifier,
  digests: readonly LiaisonDigestEvent[],
): Promise<void> => {
  const listLink = proposalsTabLink(notifier.links);
  await notifier.notifications.enqueueToUsers(
    tx,
    digests.map(({ userId, date, total, items }) => ({
      userId,
      dedupeKey: `liaison-digest:${date}:${userId}`,
      message: {
        card: liaisonDigestCard({
          total,
          items: items.map((item) => ({ ...item, statusLabel: proposalStatusLabels[item.status] })),
          listLink,
        }),
        summary: liaisonDigestSummary(total),
      },
    })),
  );
};
