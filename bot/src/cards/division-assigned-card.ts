import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, heading, openUrlAction, textBlock } from './elements';
import { truncate } from './text';

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

/** How many proposals the many-assignments card lists; the rest are counted (cards stay small). */
export const divisionsAssignedMaxItems = 20;

/**
 * One card to a liaison for many proposals assigned at once (a bulk change): each item opens its
 * proposal, the button the liaison's 自分の課 list — instead of one card per proposal.
 */
export const divisionsAssignedCard = (input: {
  items: DivisionAssignedView[];
  queueLink?: string | undefined;
}): AdaptiveCard => {
  const shown = input.items.slice(0, divisionsAssignedMaxItems);
  const rest = input.items.length - shown.length;
  return adaptiveCard(
    [
      heading(`📥 所管課に提案が${input.items.length}件割り当てられました`),
      textBlock('担当の課として、内容の確認と回答案の作成をお願いします。', { spacing: 'Small' }),
      ...shown.map((item) =>
        container(
          [
            textBlock(`${item.number} ${truncate(item.title, 80)}`, { weight: 'Bolder' }),
            textBlock(`${item.divisionName} ／ 現在の状態：${item.statusLabel}`, {
              isSubtle: true,
              spacing: 'None',
            }),
          ],
          {
            separator: true,
            spacing: 'Medium',
            ...(item.deepLink ? { selectAction: openUrlAction(item.number, item.deepLink) } : {}),
          },
        ),
      ),
      ...(rest > 0 ? [textBlock(`ほか${rest}件`, { isSubtle: true, spacing: 'Medium' })] : []),
      textBlock('回答案は推進室が確認してから提案者に伝えます。', { isSubtle: true, size: 'Small' }),
    ],
    { actions: input.queueLink ? [openUrlAction('自分の課の一覧を開く', input.queueLink)] : [] },
  );
};

export const divisionsAssignedSummary = (count: number): string =>
  `所管課に提案が${count}件割り当てられました`;
