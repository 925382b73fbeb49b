import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, columnSet, container, executeAction, heading, textBlock } from './elements';
import { formatDate, oneLine, truncate } from './text';

export interface MyProposalItem {
  id: string;
  number: string;
  title: string;
  statusLabel: string;
  /** The user is a co-proposer (共同提案), not the proposer. */
  coProposed?: boolean;
  /** The office's latest answer, if any. */
  answer: string | null;
  updatedAt: Date | string;
  /** Offer 「修正」 (still 受付) and 「取下げ」 (still open). */
  canEdit: boolean;
  canWithdraw: boolean;
}

/** Long answers are cut in the list; the tab shows them whole. */
export const answerPreviewLength = 120;

/** 修正 and 取下げ of one proposal: each opens its own card (the id only; the card reads the rest). */
const itemActions = (proposal: MyProposalItem): CardElement[] => {
  const actions: CardAction[] = [
    ...(proposal.canEdit ? [executeAction('修正', 'proposal.editForm', { id: proposal.id })] : []),
    ...(proposal.canWithdraw ? [executeAction('取下げ', 'proposal.withdrawForm', { id: proposal.id })] : []),
  ];
  return actions.length > 0 ? [actionSet(actions, { spacing: 'Small' })] : [];
};

const item = (proposal: MyProposalItem, index: number): CardElement =>
  container(
    [
      columnSet([
        { width: 'auto', items: [textBlock(proposal.number, { isSubtle: true })] },
        {
          items: [
            textBlock(proposal.title, { weight: 'Bolder' }),
            ...(proposal.coProposed
              ? [textBlock('共同提案', { isSubtle: true, size: 'Small', spacing: 'None' })]
              : []),
          ],
        },
        { width: 'auto', items: [textBlock(proposal.statusLabel, { color: 'Accent', weight: 'Bolder' })] },
      ]),
      proposal.answer
        ? textBlock(`回答：${truncate(oneLine(proposal.answer), answerPreviewLength)}`, { spacing: 'Small' })
        : textBlock('回答：まだありません', { isSubtle: true, spacing: 'Small' }),
      textBlock(`更新日 ${formatDate(proposal.updatedAt)}`, {
        isSubtle: true,
        size: 'Small',
        spacing: 'Small',
      }),
      ...itemActions(proposal),
    ],
    index === 0 ? { spacing: 'Medium' } : { spacing: 'Medium', separator: true },
  );

/** 自分の提案: one page of the user's proposals (co-proposed ones marked 共同提案) with status and the latest answer. */
export const myProposalsCard = ({
  items,
  page,
  totalPages,
  total,
}: {
  items: readonly MyProposalItem[];
  page: number;
  totalPages: number;
  total: number;
}): AdaptiveCard => {
  const propose = executeAction('提案する', 'proposal.form', undefined, { style: 'positive' });
  if (items.length === 0 && total === 0) {
    return adaptiveCard(
      [
        heading('📋 自分の提案'),
        textBlock('まだ提案はありません', { weight: 'Bolder', spacing: 'Medium' }),
        textBlock('業務の改善アイデアや働き方の工夫を、気軽に提案してみましょう。', {
          isSubtle: true,
          spacing: 'Small',
        }),
      ],
      { actions: [propose], fullWidth: true },
    );
  }
  const paging: CardAction[] = [
    ...(page > 1 ? [executeAction('前へ', 'proposal.mine', { page: Math.min(page - 1, totalPages) })] : []),
    ...(page < totalPages ? [executeAction('次へ', 'proposal.mine', { page: page + 1 })] : []),
  ];
  return adaptiveCard(
    [
      heading('📋 自分の提案'),
      textBlock(totalPages > 1 ? `全${total}件（${page} / ${totalPages}ページ）` : `全${total}件`, {
        isSubtle: true,
        spacing: 'None',
      }),
      ...items.map(item),
      ...(items.length === 0 ? [textBlock('このページには提案がありません。', { spacing: 'Medium' })] : []),
      ...(paging.length > 0 ? [actionSet(paging, { spacing: 'Medium', separator: true })] : []),
    ],
    { actions: [propose], fullWidth: true },
  );
};
