import type { Actor, ProposalDto, ProposalEngagementDto } from '#shared';
import type { Database, Transaction } from '../../data/database';
import { findEngagement } from '../../data/repositories/engagement-repository';
import { getProposalRowById } from '../../data/repositories/proposals-repository';
import { loadProposal } from '../proposals/proposal-reads';

/**
 * One step of the actor's engagement with a proposal (賛同, フォロー and their undoing), in one
 * transaction: the proposal as the actor may see it, `check` (throws when the step is not theirs to
 * take), `change`, and the actor's engagement as it now stands.
 */
export const engagementStep = (
  db: Database,
  actor: Actor,
  proposalId: string,
  check: (actor: Actor, proposal: ProposalDto) => void,
  change: (tx: Transaction, proposalId: string) => Promise<void>,
): Promise<ProposalEngagementDto> =>
  db.transaction(async (tx) => {
    const id = (await getProposalRowById(tx, proposalId)).id;
    check(actor, await loadProposal(tx, id));
    await change(tx, id);
    return { proposalId: id, ...(await findEngagement(tx, id, actor.userId)) };
  });
