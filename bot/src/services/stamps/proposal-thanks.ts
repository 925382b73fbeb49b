import { proposalThanksLimit, type Actor, type ProposalThanksDto } from '#shared';
import type { Database } from '../../data/database';
import { findStampKinds, findStampsOfProposal } from '../../data/repositories/stamps-repository';
import { getProposal } from '../proposals/proposal-reads';
import { canSeeStampMessage } from './stamp-access';

/**
 * `GET /api/proposals/:id/thanks`: the stamps the proposal led to, for whoever may see the proposal
 * (NOT_FOUND otherwise): kind, sender → recipient and date; a message only for its sender and recipient.
 */
export const getProposalThanks = async (
  db: Database,
  actor: Actor,
  proposalId: string,
): Promise<ProposalThanksDto> => {
  const proposal = await getProposal(db, actor, proposalId);
  const [{ rows, total }, kinds] = await Promise.all([
    findStampsOfProposal(db, proposal.id, proposalThanksLimit),
    findStampKinds(db),
  ]);
  const kindsByCode = new Map(kinds.map((kind) => [kind.code, kind]));
  return {
    total,
    items: rows.map((row) => {
      const kind = kindsByCode.get(row.kindCode);
      return {
        id: row.id,
        kind: { code: row.kindCode, label: kind?.label ?? row.kindCode, emoji: kind?.emoji ?? '' },
        sender: { id: row.senderId, displayName: row.senderName },
        recipient: { id: row.recipientId, displayName: row.recipientName },
        message: canSeeStampMessage(actor.userId, row) ? row.message : null,
        sentAt: row.sentAt.toISOString(),
      };
    }),
  };
};
