import type { Actor, ProposalEngagementDto } from '#shared';
import type { Database } from '../../data/database';
import { addFollows, findEngagement, removeFollow } from '../../data/repositories/engagement-repository';
import { getProposalRowById } from '../../data/repositories/proposals-repository';
import { requireVisible } from '../proposals/proposal-access';
import { loadProposal } from '../proposals/proposal-reads';
import { requireCanFollow } from './engagement-access';

/**
 * フォロー by hand: kept whatever happens to the person's 賛同. (Supporters follow through supports.ts;
 * co-proposers through a trigger on proposal_co_proposers, migration `engagement`, whatever path adds
 * them.)
 */
export const followProposal = async (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  db.transaction(async (tx) => {
    const id = (await getProposalRowById(tx, proposalId)).id;
    requireCanFollow(actor, await loadProposal(tx, id));
    await addFollows(tx, [{ proposalId: id, userId: actor.userId, source: 'manual' }]);
    return { proposalId: id, ...(await findEngagement(tx, id, actor.userId)) };
  });

/** フォロー解除: the person hears no more of it, however they came to follow it. */
export const unfollowProposal = async (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalEngagementDto> =>
  db.transaction(async (tx) => {
    const id = (await getProposalRowById(tx, proposalId)).id;
    requireVisible(actor, await loadProposal(tx, id));
    await removeFollow(tx, id, actor.userId);
    return { proposalId: id, ...(await findEngagement(tx, id, actor.userId)) };
  });
