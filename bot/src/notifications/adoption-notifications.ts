import type { ProposalDto } from '#shared';
import { proposalAdoptedCard, proposalAdoptedSummary, proposalDeepLink } from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';
import { proposersOf } from './proposal-notifications';

/** A division recorded 「うちの課でも導入した」 on a realised proposal (its record `adoptionId`). */
export interface ProposalAdoptedEvent {
  proposal: ProposalDto;
  adoptionId: string;
  division: { id: string; name: string };
  adoptedOn: string;
  note: string | null;
  /** Divisions that have adopted it, this one included. */
  adoptedCount: number;
  recordedBy: string;
}

/**
 * Tells the proposer and co-proposers that a division adopted their proposal, one card each, in the
 * recording's own transaction (followers hear through `queueFollowerUpdate`, by their preference).
 * Deduplicated per record and person: moving a record back to 検討中 and to 導入した again tells
 * nobody twice.
 */
export const notifyProposalAdopted = async (
  tx: Executor,
  notifier: Notifier,
  event: ProposalAdoptedEvent,
): Promise<void> => {
  const view = {
    number: event.proposal.number,
    title: event.proposal.title,
    divisionName: event.division.name,
    adoptedOn: event.adoptedOn,
    note: event.note,
    adoptedCount: event.adoptedCount,
    deepLink: proposalDeepLink({ ...notifier.links, proposalId: event.proposal.id }),
  };
  const card = proposalAdoptedCard(view);
  const summary = proposalAdoptedSummary(view);
  const people = proposersOf(event.proposal).filter((userId) => userId !== event.recordedBy);
  await notifier.notifications.enqueueToUsers(
    tx,
    people.map((userId) => ({
      userId,
      dedupeKey: `proposal-adopted:${event.adoptionId}:${userId}`,
      message: { card, summary },
    })),
  );
};
