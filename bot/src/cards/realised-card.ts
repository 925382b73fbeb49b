import type { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, columnSet, container, heading, textBlock } from './elements';

export interface RealisedItem {
  number: string;
  title: string;
  statusLabel: string;
  /** Opens the proposal in the tab (Teams deep link); the row is plain without one. */
  deepLink?: string | undefined;
}

/**
 * 今月の実現: posted into a channel or group chat by 「@職員提案 今月の実現」. Everyone there sees it,
 * so it lists published proposals only (the caller's query) and has no buttons that act.
 */
export const realisedThisMonthCard = (input: {
  /** `2026年12月` */
  monthLabel: string;
  /** The division the list is for; all divisions without one. */
  divisionName?: string | undefined;
  items: readonly RealisedItem[];
  total: number;
}): AdaptiveCard => {
  const scope = input.divisionName ? `${input.divisionName}の提案` : '全庁の提案';
  const rows: CardElement[] = input.items.map((item, index) =>
    container(
      [
        columnSet([
          { width: 'auto', items: [textBlock(item.number, { isSubtle: true })] },
          { items: [textBlock(item.title, { weight: 'Bolder' })] },
          { width: 'auto', items: [textBlock(item.statusLabel, { color: 'Good', weight: 'Bolder' })] },
        ]),
      ],
      {
        ...(index === 0 ? { spacing: 'Medium' as const } : { spacing: 'Small' as const, separator: true }),
        ...(item.deepLink ? { selectAction: { type: 'Action.OpenUrl', url: item.deepLink } } : {}),
      },
    ),
  );
  return adaptiveCard(
    [
      heading(`🎉 ${input.monthLabel}の実現（${scope}）`),
      ...(input.items.length === 0
        ? [textBlock('今月はまだ、公開された実現の提案がありません。', { spacing: 'Medium' })]
        : [
            textBlock(`${input.total}件の提案が実現しました（実現見込みを含む・公開分）。`, {
              spacing: 'Small',
              isSubtle: true,
            }),
            ...rows,
            ...(input.total > input.items.length
              ? [
                  textBlock(`ほか${input.total - input.items.length}件はタブの提案一覧で確認できます。`, {
                    isSubtle: true,
                    size: 'Small',
                  }),
                ]
              : []),
          ]),
    ],
    { fullWidth: true },
  );
};
