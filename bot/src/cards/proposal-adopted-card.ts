import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, heading, openUrlAction, textBlock } from './elements';
import { formatDate } from './text';

export interface ProposalAdoptedView {
  number: string;
  title: string;
  /** The division that adopted it. */
  divisionName: string;
  /** The day it adopted it (YYYY-MM-DD). */
  adoptedOn: string;
  note: string | null;
  /** Divisions that have adopted it so far, this one included. */
  adoptedCount: number;
  deepLink?: string | undefined;
}

/**
 * 横展開: told to the proposer and co-proposers when another division records 「うちの課でも導入した」
 * on their realised proposal (the lead may also route it to followers).
 */
export const proposalAdoptedCard = (input: ProposalAdoptedView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('🌱 あなたの提案がほかの課でも導入されました'),
      textBlock(`${input.divisionName}が「うちの課でも導入した」と登録しました。`, { spacing: 'Small' }),
      textBlock(input.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(input.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      ...(input.note ? [container([textBlock(input.note)], { style: 'emphasis', spacing: 'Small' })] : []),
      textBlock(`導入日：${formatDate(input.adoptedOn)} ／ 導入した課：${input.adoptedCount}課`, {
        isSubtle: true,
        spacing: 'Small',
      }),
    ],
    { actions: input.deepLink ? [openUrlAction('提案を開く', input.deepLink)] : [] },
  );

export const proposalAdoptedSummary = (view: Pick<ProposalAdoptedView, 'number' | 'divisionName'>): string =>
  `提案 ${view.number} を${view.divisionName}が導入しました`;
