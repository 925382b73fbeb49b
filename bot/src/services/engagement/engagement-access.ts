import { AppError, type Actor, type ProposalDto } from '#shared';
import {
  audienceOf,
  canSeeProposal,
  isProposerOf,
  proposalNotFound,
  requireVisible,
  type ProposalAudience,
} from '../proposals/proposal-access';

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

const notPublished = (id: string, what: string): AppError =>
  new AppError('FORBIDDEN', {
    message: `Proposal ${id} is not published`,
    userMessage: `公開されている提案にだけ${what}できます。`,
  });

const requirePublished = (proposal: Engageable, what: string): void => {
  if (!proposal.isPublished) throw notPublished(proposal.id, what);
};

/** Why the actor may not support a proposal (as audience and status), or undefined when they may. */
const supportRefusal = (
  actor: Actor,
  id: string,
  audience: ProposalAudience,
  status: ProposalDto['status'],
): AppError | undefined => {
  if (!canSeeProposal(actor, audience)) return proposalNotFound(id);
  if (!audience.isPublished) return notPublished(id, '賛同');
  if (isProposerOf(actor, audience)) {
    return new AppError('FORBIDDEN', {
      message: 'A proposer cannot support their own proposal',
      userMessage: 'ご自身の提案（共同提案を含む）には賛同できません。',
    });
  }
  if (closedStatuses.has(status)) {
    return new AppError('FORBIDDEN', {
      message: `Proposal ${id} is ${status}`,
      userMessage: '取り下げられた提案・統合された提案には賛同できません。',
    });
  }
  return undefined;
};

/** Throws unless the actor may support the proposal. */
export const requireCanSupport = (actor: Actor, proposal: Engageable): void => {
  const refusal = supportRefusal(actor, proposal.id, audienceOf(proposal), proposal.status);
  if (refusal) throw refusal;
};

/** Whether the actor may support a proposal known by its audience (a similar-check candidate). */
export const canSupport = (
  actor: Actor,
  proposal: ProposalAudience & { id: string; status: ProposalDto['status'] },
): boolean => supportRefusal(actor, proposal.id, proposal, proposal.status) === undefined;

/** Throws unless the actor may follow the proposal. */
export const requireCanFollow = (actor: Actor, proposal: Engageable): void => {
  requireVisible(actor, proposal);
  if (!isProposerOf(actor, audienceOf(proposal))) requirePublished(proposal, 'フォロー');
};
