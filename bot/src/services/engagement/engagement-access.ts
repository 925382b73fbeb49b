import { AppError, type Actor, type ProposalDto } from '#shared';
import { audienceOf, isProposerOf, requireVisible } from '../proposals/proposal-access';

/**
 * Who may support (賛同) and follow (フォロー) a proposal. Both build on the one visibility rule
 * (proposal-access.ts): a proposal the actor may not see does not exist for them (NOT_FOUND).
 * - 賛同: published proposals only, still open or realised (not withdrawn or merged), and not by their
 *   own proposer or co-proposers.
 * - フォロー: published proposals (co-proposers follow their own automatically, published or not).
 */
const closedStatuses = new Set<ProposalDto['status']>(['withdrawn', 'merged']);

type Engageable = Pick<
  ProposalDto,
  'id' | 'isPublished' | 'proposer' | 'coProposers' | 'responsibleDivision' | 'status'
>;

const requirePublished = (proposal: Engageable, what: string): void => {
  if (!proposal.isPublished) {
    throw new AppError('FORBIDDEN', {
      message: `Proposal ${proposal.id} is not published`,
      userMessage: `公開されている提案にだけ${what}できます。`,
    });
  }
};

/** Throws unless the actor may support the proposal. */
export const requireCanSupport = (actor: Actor, proposal: Engageable): void => {
  requireVisible(actor, proposal);
  requirePublished(proposal, '賛同');
  if (isProposerOf(actor, audienceOf(proposal))) {
    throw new AppError('FORBIDDEN', {
      message: 'A proposer cannot support their own proposal',
      userMessage: 'ご自身の提案（共同提案を含む）には賛同できません。',
    });
  }
  if (closedStatuses.has(proposal.status)) {
    throw new AppError('FORBIDDEN', {
      message: `Proposal ${proposal.id} is ${proposal.status}`,
      userMessage: '取り下げられた提案・統合された提案には賛同できません。',
    });
  }
};

/** Throws unless the actor may follow the proposal. */
export const requireCanFollow = (actor: Actor, proposal: Engageable): void => {
  requireVisible(actor, proposal);
  if (!isProposerOf(actor, audienceOf(proposal))) requirePublished(proposal, 'フォロー');
};
