import { proposalCategoryLabels, proposalStatusLabels, type ProposalDto } from '#shared';
import type { AdaptiveCard, CardAction } from './adaptive-card';
import {
  adaptiveCard,
  container,
  executeAction,
  factSet,
  heading,
  openUrlAction,
  textBlock,
} from './elements';
import { formatDate } from './text';

/** What the confirmation shows of a proposal: a `ProposalDto` fits. */
export type ConfirmedProposal = Pick<ProposalDto, 'number' | 'title' | 'status' | 'submittedAt'> &
  Partial<Pick<ProposalDto, 'category' | 'coProposers'>>;

/** Replaces the form once the proposal is stored (and again, identically, on a retried submit). */
export const proposalConfirmationCard = ({
  proposal,
  deepLink,
}: {
  proposal: ConfirmedProposal;
  /** Where 「タブで開く」 leads (see proposalDeepLink); the button is left out without one. */
  deepLink?: string | undefined;
}): AdaptiveCard => {
  const actions: CardAction[] = [
    ...(deepLink ? [openUrlAction('タブで開く', deepLink)] : []),
    executeAction('自分の提案', 'proposal.mine'),
  ];
  return adaptiveCard(
    [
      container([heading('✔ 提案を受け付けました', { color: 'Good' })], { style: 'good', bleed: true }),
      textBlock(
        'ご提案ありがとうございます。推進室で内容を確認し、状況が変わるとこのチャットでお知らせします。',
        {
          spacing: 'Medium',
        },
      ),
      factSet(
        [
          ['提案番号', proposal.number],
          ['件名', proposal.title],
          ['分類', proposal.category ? proposalCategoryLabels[proposal.category] : undefined],
          ['共同提案者', proposal.coProposers?.map((person) => person.displayName).join('、')],
          ['状態', proposalStatusLabels[proposal.status]],
          ['提出日', formatDate(proposal.submittedAt)],
        ],
        { spacing: 'Medium' },
      ),
    ],
    { actions, fullWidth: true },
  );
};
