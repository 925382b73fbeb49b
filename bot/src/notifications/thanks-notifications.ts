import type { ProposalDto, StampKind } from '#shared';
import { thanksInvitationCard, thanksInvitationSummary } from '../cards/index';
import type { Executor } from '../data/database';
import type { Notifier } from './notification-port';
import { proposersOf } from './proposal-notifications';

/** A proposal became 実現完了 (history entry `historyId`): its proposers are invited to say thanks. */
export interface ThanksInvitationEvent {
  proposal: ProposalDto;
  historyId: number;
  /** The 所管課's liaisons who can be picked (they have an Entra object id). */
  liaisons: readonly { userId: string; aadObjectId: string; displayName: string }[];
  kinds: readonly StampKind[];
  thanksKindCode: string | undefined;
}

/**
 * Queues the thank-you invitation (a prefilled stamp form) to the proposer and each co-proposer, in
 * the realisation's transaction; nobody is offered themselves as a recipient.
 */
export const notifyThanksInvitation = async (
  tx: Executor,
  notifier: Notifier,
  event: ThanksInvitationEvent,
): Promise<void> => {
  if (event.kinds.length === 0) return;
  await notifier.notifications.enqueueToUsers(
    tx,
    proposersOf(event.proposal).map((userId) => ({
      userId,
      dedupeKey: `proposal-thanks:${event.historyId}:${userId}`,
      message: {
        card: thanksInvitationCard({
          requestId: `thanks:${event.historyId}`,
          number: event.proposal.number,
          title: event.proposal.title,
          divisionName: event.proposal.responsibleDivision?.name ?? null,
          recipients: event.liaisons
            .filter((liaison) => liaison.userId !== userId)
            .map((liaison) => ({ id: liaison.aadObjectId, name: liaison.displayName })),
          kinds: event.kinds,
          kindCode: event.thanksKindCode,
        }),
        summary: thanksInvitationSummary(event.proposal.number),
      },
    })),
  );
};
