import type { Actor, ProposalEngagementDto } from '#shared';
import type { Database } from '../../data/database';
import { addFollows, removeFollow } from '../../data/repositories/engagement-repository';
import { requireVisible } from '../proposals/proposal-access';
import { requireCanFollow } from './engagement-access';
import { engagementStep } from './engagement-step';

/**
 * フォロー by hand: kept whatever happens to the person's 賛同. (Supporters follow through supports.ts;
 * co-proposers through a trigger on proposal_co_proposers, migration `engagement`, whatever path adds
 * them.)
 */
export const followProposal = (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  engagementStep(db, actor, proposalId, requireCanFollow, (tx, id) =>
    addFollows(tx, [{ proposalId: id, userId: actor.userId, source: 'manual' }]),
  );

/** フォロー解除: the person hears no more of it, however they came to follow it. */
export const unfollowProposal = (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  engagementStep(db, actor, proposalId, requireVisible, (tx, id) => removeFollow(tx, id, actor.userId));
