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
  /**
   * Who else hears of it (e.g. the proposal's followers), besides the proposer and co-proposers;
   * each person once. The person who recorded it is never told of their own act.
   */
  alsoNotify?: readonly string[];
  recordedBy: string;
}

/**
 * The one place that tells people a division adopted a proposal: the proposer and co-proposers (and
 * whoever `alsoNotify` names), one card each, in the recording's own transaction. Deduplicated per
 * record and person: moving a record back to 検討中 and to 導入した again tells nobody twice.
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
  const people = [...new Set([...proposersOf(event.proposal), ...(event.alsoNotify ?? [])])].filter(
    (userId) => userId !== event.recordedBy,
  );
  await notifier.notifications.enqueueToUsers(
    tx,
    people.map((userId) => ({
      userId,
      dedupeKey: `proposal-adopted:${event.adoptionId}:${userId}`,
      message: { card, summary },
    })),
  );
};
