import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, container, heading, openUrlAction, textBlock } from './elements';
import { formatDate, truncate } from './text';

export interface RevisitDigestItem {
  number: string;
  title: string;
  /** ISO date (YYYY-MM-DD). */
  revisitOn: string;
  blockReasonLabel: string;
  deepLink?: string | undefined;
}

export interface RevisitDigestView {
  /** Tokyo date the job ran for (YYYY-MM-DD). */
  today: string;
  items: RevisitDigestItem[];
  /** Link to the tab's list (the office's 再検討時期が到来, a liaison's 自分の課), when the tab's address is known. */
  queueLink?: string | undefined;
  /** The link's button; 再検討の一覧を開く by default. */
  queueLabel?: string | undefined;
}

/** How many proposals the card lists; the rest are counted (a card must stay well under 80 KB). */
export const revisitDigestMaxItems = 20;

/**
 * The daily digest to the office (and to each liaison, of their divisions' proposals): 「その他」
 * proposals whose 再検討時期 has come, one card for all of them. Each item opens the proposal; the
 * office moves it back to 検討中 in the tab.
 */
export const revisitDigestCard = (view: RevisitDigestView): AdaptiveCard => {
  const shown = view.items.slice(0, revisitDigestMaxItems);
  const rest = view.items.length - shown.length;
  return adaptiveCard(
    [
      heading('🔁 再検討時期が到来した提案'),
      textBlock(`${formatDate(`${view.today}T00:00:00+09:00`)}時点で${view.items.length}件あります。`, {
        spacing: 'Small',
      }),
      ...shown.map((item) =>
        container(
          [
            textBlock(`${item.number} ${truncate(item.title, 80)}`, { weight: 'Bolder' }),
            textBlock(
              `再検討時期：${formatDate(`${item.revisitOn}T00:00:00+09:00`)} ／ 理由：${item.blockReasonLabel}`,
              {
                isSubtle: true,
                spacing: 'None',
              },
            ),
          ],
          {
            separator: true,
            spacing: 'Medium',
            ...(item.deepLink ? { selectAction: openUrlAction(item.number, item.deepLink) } : {}),
          },
        ),
      ),
      ...(rest > 0 ? [textBlock(`ほか${rest}件`, { isSubtle: true, spacing: 'Medium' })] : []),
    ],
    {
      actions: view.queueLink ? [openUrlAction(view.queueLabel ?? '再検討の一覧を開く', view.queueLink)] : [],
      fullWidth: true,
    },
  );
};

export const revisitDigestSummary = (count: number): string => `再検討時期が到来した提案が${count}件あります`;
