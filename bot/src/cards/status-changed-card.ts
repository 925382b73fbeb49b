import type { AdaptiveCard, CardAction } from './adaptive-card';
import {
  adaptiveCard,
  columnSet,
  container,
  doneLine,
  executeAction,
  noticeData,
  heading,
  openUrlAction,
  subheading,
  textBlock,
} from './elements';

export interface StatusChangedView {
  number: string;
  title: string;
  previousStatusLabel: string;
  statusLabel: string;
  /** The office's answer (講評); left out when there is none yet. */
  answer: string | null;
  /** Why a proposal is 「その他」 (e.g. 法律上の制約). */
  blockReasonLabel?: string | null | undefined;
  deepLink?: string | undefined;
}

/**
 * Sent to the proposer (and co-proposers) when the office changes a proposal's status. 「自分の提案」
 * carries the card's view (`notice`), so the click answers with this card in its done state
 * (`done`: the line that replaces the button) and the list goes out as a new message.
 */
export const statusChangedCard = (input: StatusChangedView & { done?: string | undefined }): AdaptiveCard => {
  const notice = {
    kind: 'status',
    number: input.number,
    title: input.title,
    previousStatusLabel: input.previousStatusLabel,
    statusLabel: input.statusLabel,
    answer: input.answer,
    ...(input.blockReasonLabel ? { blockReasonLabel: input.blockReasonLabel } : {}),
    ...(input.deepLink ? { deepLink: input.deepLink } : {}),
  };
  const actions: CardAction[] = [
    ...(input.deepLink ? [openUrlAction('詳細を見る', input.deepLink)] : []),
    ...(input.done ? [] : [executeAction('自分の提案', 'proposal.mine', { notice: noticeData(notice) })]),
  ];
  return adaptiveCard(
    [
      heading('🔔 提案の状況が更新されました'),
      textBlock(input.number, { isSubtle: true, spacing: 'Medium' }),
      textBlock(input.title, { weight: 'Bolder', size: 'Medium', spacing: 'None' }),
      columnSet(
        [
          { width: 'auto', items: [textBlock(input.previousStatusLabel, { isSubtle: true })] },
          { width: 'auto', items: [textBlock('→', { isSubtle: true })] },
          { width: 'auto', items: [textBlock(input.statusLabel, { weight: 'Bolder', color: 'Accent' })] },
        ],
        { spacing: 'Medium' },
      ),
      ...(input.blockReasonLabel ? [textBlock(`理由：${input.blockReasonLabel}`, { spacing: 'Small' })] : []),
      ...(input.answer
        ? [
            container(
              [
                subheading('推進室からの回答', { spacing: 'None' }),
                textBlock(input.answer, { spacing: 'Small' }),
              ],
              {
                style: 'emphasis',
                spacing: 'Medium',
              },
            ),
          ]
        : []),
      ...(input.done ? [doneLine(input.done)] : []),
    ],
    { actions, fullWidth: true },
  );
};
