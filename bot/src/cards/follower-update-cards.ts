import type { AdaptiveCard, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, container, heading, openUrlAction, textBlock } from './elements';
import { oneLine, truncate } from './text';

/** A change's line in a card: one line, at most this many characters. */
const changeLength = 120;

/** One change to a followed proposal, as a follower is told of it. */
export interface FollowerUpdateView {
  number: string;
  title: string;
  /** The kind's label (状況の変更, 回答, 重点案件の進捗 …). */
  kindLabel: string;
  summary: string;
  deepLink?: string | undefined;
}

/**
 * A change to a proposal the person follows (preference すぐに): one card per change. Followers are
 * staff who supported it, co-proposed it or chose to follow it; the proposer's own status cards are
 * status-changed-card.ts.
 */
export const followerUpdateCard = (view: FollowerUpdateView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('🔔 フォロー中の提案に動きがありました'),
      textBlock(view.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(view.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      container(
        [
          textBlock(view.kindLabel, { isSubtle: true }),
          textBlock(truncate(oneLine(view.summary), changeLength), { spacing: 'Small' }),
        ],
        {
          style: 'emphasis',
          spacing: 'Medium',
        },
      ),
      textBlock('通知の受け取り方は、タブの「マイ提案」の「通知設定」で変えられます。', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
    ],
    { actions: view.deepLink ? [openUrlAction('詳細を見る', view.deepLink)] : [] },
  );

export const followerUpdateSummary = (view: Pick<FollowerUpdateView, 'number' | 'summary'>): string =>
  `フォロー中の提案 ${view.number}: ${truncate(oneLine(view.summary), changeLength)}`;

/** One proposal of a digest with its changes of the day, oldest first. */
export interface FollowerDigestItem {
  number: string;
  title: string;
  changes: readonly string[];
  deepLink?: string | undefined;
}

export interface FollowerDigestView {
  items: readonly FollowerDigestItem[];
  /** Proposals left out to keep the card small. */
  more: number;
  listLink?: string | undefined;
}

const digestItem = (item: FollowerDigestItem): CardElement =>
  container(
    [
      textBlock(`${item.number} ${item.title}`, { weight: 'Bolder', spacing: 'None' }),
      ...item.changes.map((change) =>
        textBlock(`・${truncate(oneLine(change), changeLength)}`, { spacing: 'None' }),
      ),
      ...(item.deepLink
        ? [actionSet([openUrlAction('詳細を見る', item.deepLink)], { spacing: 'Small' })]
        : []),
    ],
    { spacing: 'Medium', separator: true },
  );

/**
 * The follower's daily digest (preference 1日1回まとめて): one card a day listing what changed in the
 * proposals they follow, each with its changes and a link to it in the tab.
 */
export const followerDigestCard = (view: FollowerDigestView): AdaptiveCard =>
  adaptiveCard(
    [
      heading('📰 フォロー中の提案の動き（1日のまとめ）'),
      textBlock(`フォロー中の提案${view.items.length + view.more}件に動きがありました。`, {
        spacing: 'Small',
      }),
      ...view.items.map(digestItem),
      ...(view.more > 0 ? [textBlock(`ほか${view.more}件`, { isSubtle: true, spacing: 'Small' })] : []),
      textBlock('通知の受け取り方は、タブの「マイ提案」の「通知設定」で変えられます。', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
    ],
    { actions: view.listLink ? [openUrlAction('提案一覧を開く', view.listLink)] : [] },
  );

export const followerDigestSummary = (proposals: number): string =>
  `フォロー中の提案${proposals}件に動きがありました`;
