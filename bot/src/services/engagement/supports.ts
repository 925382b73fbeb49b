import type { Actor, ProposalEngagementDto } from '#shared';
import type { Database } from '../../data/database';
import {
  addFollows,
  adjustSupportCount,
  deleteSupport,
  insertSupport,
  removeFollow,
} from '../../data/repositories/engagement-repository';
import { requireVisible } from '../proposals/proposal-access';
import { requireCanSupport } from './engagement-access';
import { engagementStep } from './engagement-step';

/**
 * 賛同 (support): one per person and proposal, revocable. The row and the proposal's
 * `support_count` change in one transaction, and only when the row did (the primary key makes a
 * repeated or concurrent click a no-op), so the count is always the number of rows. Supporting
 * follows the proposal ('support'); withdrawing the support ends that follow, not a manual one.
 */
export const supportProposal = (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  engagementStep(db, actor, proposalId, requireCanSupport, async (tx, id) => {
    if (!(await insertSupport(tx, id, actor.userId))) return;
    await adjustSupportCount(tx, id, 1);
    await addFollows(tx, [{ proposalId: id, userId: actor.userId, source: 'support' }]);
  });

/** Withdraws the actor's 賛同 (nothing happens when there is none). */
export const withdrawSupport = (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  engagementStep(db, actor, proposalId, requireVisible, async (tx, id) => {
    if (!(await deleteSupport(tx, id, actor.userId))) return;
    await adjustSupportCount(tx, id, -1);
    await removeFollow(tx, id, actor.userId, 'support');
  });
