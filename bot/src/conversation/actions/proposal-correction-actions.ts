import { AppError, canEditContent, canWithdraw, isAppError, type ProposalDto } from '#shared';
import { proposalCorrectedCard, proposalEditCard, proposalWithdrawCard } from '../../cards/index';
import { getProposalFormOptions } from '../../services/catalog/catalog';
import { editProposalContent } from '../../services/proposals/edit-proposal';
import { getProposal } from '../../services/proposals/proposal-reads';
import { withdrawProposal } from '../../services/proposals/withdraw-proposal';
import type { TurnOutcome } from '../activity';
import { fieldErrors, formValues, stringField } from '../card-data';
import type { Turn } from '../conversation-context';
import { respond } from '../respond';

const editFields = ['title', 'body', 'category'] as const;
const editedText = '提案を修正しました';
const withdrawnText = '提案を取り下げました。推進室に通知しました';

/** The proposer's own proposal named by the card's `id` (others' answer as absent, as everywhere). */
const ownProposal = async (turn: Turn, data: Record<string, unknown>): Promise<ProposalDto> => {
  const proposal = await getProposal(turn.deps.db, turn.actor, stringField(data, 'id') ?? '');
  if (proposal.proposer?.id !== turn.actor.userId) {
    throw new AppError('FORBIDDEN', { userMessage: '提案の修正と取下げは提案者本人のみが行えます。' });
  }
  return proposal;
};

const versionOf = (data: Record<string, unknown>): number => Number(stringField(data, 'version'));

const corrected = (turn: Turn, proposal: ProposalDto, done: string) =>
  respond(turn, proposalCorrectedCard({ number: proposal.number, title: proposal.title, done }));

const editCard = async (
  turn: Turn,
  proposal: ProposalDto,
  values: Record<string, string>,
  errors?: Record<string, string>,
) => {
  const { categories } = await getProposalFormOptions(turn.deps.db, turn.deps.now?.());
  return respond(turn, proposalEditCard({ proposal, values, categories, ...(errors ? { errors } : {}) }));
};

/** 「修正」 on 自分の提案: the form, filled with the proposal as it is now. */
export const showEditForm = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const proposal = await ownProposal(turn, data);
  if (!canEditContent(proposal.status)) {
    throw new AppError('INVALID_TRANSITION', {
      userMessage: '推進室が検討を始めた提案は修正できません。修正が必要な場合は推進室にご連絡ください。',
    });
  }
  const { title, body, category } = proposal;
  return editCard(turn, proposal, { title, body, category });
};

/**
 * 「修正を保存」: the same service as the tab. Invalid input comes back in the form with every typed
 * value; a repeated click (the first already saved these values) answers as done.
 */
export const editFromCard = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const values = formValues(data, editFields);
  const proposal = await ownProposal(turn, data);
  try {
    const result = await editProposalContent(turn.deps.db, {
      actor: turn.actor,
      proposalId: proposal.id,
      // The card always sends its three inputs: an emptied one is an empty value, not "unchanged".
      input: {
        ...Object.fromEntries(editFields.map((field) => [field, values[field] ?? ''])),
        version: versionOf(data),
      },
    });
    return corrected(turn, result.proposal, editedText);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'VALIDATION') return editCard(turn, proposal, values, fieldErrors(error.details));
    const sameAsSaved = editFields.every((field) => (values[field] ?? '') === proposal[field]);
    if (error.code === 'CONFLICT' && sameAsSaved) return corrected(turn, proposal, editedText);
    throw error;
  }
};

/** 「取下げ」 on 自分の提案: asks once more. */
export const showWithdrawForm = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const proposal = await ownProposal(turn, data);
  if (!canWithdraw(proposal.status)) {
    throw new AppError('INVALID_TRANSITION', { userMessage: 'この提案は取り下げられません。' });
  }
  return respond(turn, proposalWithdrawCard(proposal));
};

/** 「取り下げる」: the office is told; a repeated click finds it withdrawn and answers as done. */
export const withdrawFromCard = async (turn: Turn, data: Record<string, unknown>): Promise<TurnOutcome> => {
  const proposal = await ownProposal(turn, data);
  if (proposal.status === 'withdrawn') return corrected(turn, proposal, withdrawnText);
  const comment = stringField(data, 'comment')?.trim().slice(0, 1000) || null;
  const result = await withdrawProposal(
    turn.deps.db,
    { actor: turn.actor, proposalId: proposal.id, expectedVersion: versionOf(data), comment },
    { notifications: turn.deps.notifications, links: turn.deps.links },
  );
  return corrected(turn, result.proposal, withdrawnText);
};
