import { activeStampKinds, type ProposalDto } from '#shared';
import type { Executor } from '../../data/database';
import { findLiaisonIdsOfDivision } from '../../data/repositories/division-liaisons-repository';
import { findStampKinds } from '../../data/repositories/stamps-repository';
import { findUsersByIds } from '../../data/repositories/users-repository';
import type { Notifier } from '../../notifications/notification-port';
import { notifyThanksInvitation } from '../../notifications/thanks-notifications';
import { thanksKindOf } from './send-stamps';

/**
 * When a proposal becomes 実現完了 its proposers are invited to thank the people who made it happen:
 * a stamp form with the 所管課's liaisons (所管課担当) preselected and the proposal as its subject.
 * Runs in the status change's transaction (triage-proposal.ts), after the status card.
 */
export const inviteProposersToThank = async (
  tx: Executor,
  notifier: Notifier,
  { proposal, historyId }: { proposal: ProposalDto; historyId: number },
): Promise<void> => {
  const divisionId = proposal.responsibleDivision?.id;
  const liaisonIds = divisionId ? await findLiaisonIdsOfDivision(tx, divisionId) : [];
  const liaisons = (await findUsersByIds(tx, liaisonIds))
    .filter((user) => user.aadObjectId)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja'))
    .map((user) => ({ userId: user.id, aadObjectId: user.aadObjectId!, displayName: user.displayName }));
  const kinds = await findStampKinds(tx);
  await notifyThanksInvitation(tx, notifier, {
    proposal,
    historyId,
    liaisons,
    kinds: activeStampKinds(kinds),
    thanksKindCode: thanksKindOf(kinds)?.code,
  });
};
