import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, heading, openUrlAction, textBlock } from './elements';

export interface DivisionAssignedView {
  number: string;
  title: string;
  divisionName: string;
  statusLabel: string;
  deepLink?: string | undefined;
}

/**
 * Sent to the liaisons (所管課担当) of a division when the office assigns a proposal to it: what it
 * is and a link to open it in the tab, where they add notes and draft the answer for the office.
 */
export const divisionAssignedCard = (input: DivisionAssignedView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('📥 所管課に提案が割り当てられました'),
      textBlock(`${input.divisionName}の担当として、内容の確認と回答案の作成をお願いします。`, {
        spacing: 'Small',
      }),
      textBlock(input.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(input.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      textBlock(`現在の状態：${input.statusLabel}`, { isSubtle: true, spacing: 'Small' }),
      textBlock('回答案は推進室が確認してから提案者に伝えます。', { isSubtle: true, size: 'Small' }),
    ],
    { actions: input.deepLink ? [openUrlAction('提案を開く', input.deepLink)] : [] },
  );

export const divisionAssignedSummary = (
  view: Pick<DivisionAssignedView, 'number' | 'divisionName'>,
): string => `提案 ${view.number} が${view.divisionName}に割り当てられました`;
