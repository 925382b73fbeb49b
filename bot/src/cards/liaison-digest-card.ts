import type { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, columnSet, heading, openUrlAction, textBlock } from './elements';

export interface LiaisonDigestView {
  /** How many proposals wait for the liaison in all. */
  total: number;
  /** The oldest of them. */
  items: readonly { number: string; title: string; statusLabel: string }[];
  /** The tab's proposal list. */
  listLink?: string | undefined;
}

const item = (proposal: LiaisonDigestView['items'][number]): CardElement =>
  columnSet(
    [
      { width: 'auto', items: [textBlock(proposal.number, { isSubtle: true })] },
      { items: [textBlock(proposal.title)] },
      { width: 'auto', items: [textBlock(proposal.statusLabel, { isSubtle: true })] },
    ],
    { spacing: 'Small' },
  );

/**
 * The liaison's (所管課担当) daily digest: the proposals of their divisions that wait for a draft
 * answer, one card a day instead of one per change.
 */
export const liaisonDigestCard = (view: LiaisonDigestView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('🗂️ 所管課の対応待ちの提案'),
      textBlock(`回答案の作成を待っている提案が${view.total}件あります。`, { spacing: 'Small' }),
      ...view.items.map(item),
      ...(view.total > view.items.length
        ? [textBlock(`ほか${view.total - view.items.length}件`, { isSubtle: true, spacing: 'Small' })]
        : []),
    ],
    { actions: view.listLink ? [openUrlAction('提案一覧を開く', view.listLink)] : [] },
  );

export const liaisonDigestSummary = (total: number): string => `所管課の対応待ちの提案が${total}件あります`;
