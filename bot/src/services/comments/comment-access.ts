import { AppError, canTriage, type Actor } from '#shared';
import { canSeeProposal, type ProposalAudience } from '../proposals/proposal-access';

/**
 * Who may read, write, report and moderate comments: the one rule of comments.
 *
 * - Comments exist only on published proposals the actor may see (proposal-access.ts): everyone who
 *   may see a published proposal reads its comments, posts and reports (once per comment, not their
 *   own). Elsewhere a comment answers as absent (NOT_FOUND), so neither it nor the proposal leaks.
 * - The office (推進室) and admins moderate: they hide a comment with a reason (the body then lives
 *   only in the audit log, which they alone read) and work through the reports, whether or not the
 *   proposal is still published.
 */
export const canModerateComments = (actor: Actor): boolean => canTriage(actor);

export const canUseComments = (actor: Actor, proposal: ProposalAudience): boolean =>
  proposal.isPublished && canSeeProposal(actor, proposal);

export const commentNotFound = (id: string): AppError =>
  new AppError('NOT_FOUND', {
    message: `Comment ${id} not found`,
    userMessage: 'コメントが見つかりません。',
  });

export const commentsClosed = (proposalId: string): AppError =>
  new AppError('NOT_FOUND', {
    message: `Proposal ${proposalId} is not published: no comments`,
    userMessage: 'コメントは公開された提案にだけ付けられます。',
  });

export const requireModerator = (actor: Actor): void => {
  if (!canModerateComments(actor))
    throw new AppError('FORBIDDEN', {
      message: 'Comment moderation requires the office role',
      userMessage: 'コメントの非表示と通報への対応は推進室だけが行えます。',
    });
};
