import { proposalStatusLabels, type ProposalDto } from '#shared';
import type { AdaptiveCard, CardAction } from './adaptive-card';
import {
  adaptiveCard,
  container,
  doneLine,
  executeAction,
  noticeData,
  factSet,
  heading,
  openUrlAction,
  textBlock,
} from './elements';
import { formatDate } from './text';

/** What the confirmation shows of a proposal: a `ProposalDto` fits. */
export type ConfirmedProposal = Pick<ProposalDto, 'number' | 'title' | 'status' | 'submittedAt'> &
  Partial<Pick<ProposalDto, 'categoryLabel'>> & {
    coProposers?: readonly { displayName: string }[] | undefined;
  };

/**
 * Replaces the form once the proposal is stored (and again, identically, on a retried submit).
 * 「自分の提案」 carries what the card shows, so the click keeps the confirmation (in its done state)
 * and posts the list as a new message.
 */
export const proposalConfirmationCard = ({
  proposal,
  deepLink,
  done,
}: {
  proposal: ConfirmedProposal;
  /** Where 「タブで開く」 leads (see proposalDeepLink); the button is left out without one. */
  deepLink?: string | undefined;
  /** The line that replaces 「自分の提案」 once it was used. */
  done?: string | undefined;
}): AdaptiveCard => {
  const notice = {
    kind: 'submitted',
    number: proposal.number,
    title: proposal.title,
    status: proposal.status,
    submittedAt: String(proposal.submittedAt),
    // The label as shown: the kept card keeps it even if the office renames the category later.
    ...(proposal.categoryLabel ? { categoryLabel: proposal.categoryLabel } : {}),
    ...(proposal.coProposers?.length
      ? { coProposers: proposal.coProposers.map((person) => ({ displayName: person.displayName })) }
      : {}),
    ...(deepLink ? { deepLink } : {}),
  };
  const actions: CardAction[] = [
    ...(deepLink ? [openUrlAction('タブで開く', deepLink)] : []),
    ...(done ? [] : [executeAction('自分の提案', 'proposal.mine', { notice: noticeData(notice) })]),
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
          ['分類', proposal.categoryLabel],
          ['共同提案者', proposal.coProposers?.map((person) => person.displayName).join('、')],
          ['状態', proposalStatusLabels[proposal.status]],
          ['提出日', formatDate(proposal.submittedAt)],
        ],
        { spacing: 'Medium' },
      ),
      ...(done ? [doneLine(done)] : []),
    ],
    { actions, fullWidth: true },
  );
};
