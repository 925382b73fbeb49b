import type { StampKind } from '#shared';
import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { adaptiveCard, container, doneLine, executeAction, openUrlAction, textBlock } from './elements';
import { formatDateTime } from './text';

export type StampKindView = Pick<StampKind, 'code' | 'label' | 'emoji' | 'purpose'>;

/** The big emoji and the stamp's name: the part of a stamp card people notice. */
export const stampBadge = (kind: StampKindView): CardElement =>
  container(
    [
      textBlock(kind.emoji, { size: 'ExtraLarge', horizontalAlignment: 'Center' }),
      textBlock(kind.label, {
        size: 'Large',
        weight: 'Bolder',
        horizontalAlignment: 'Center',
        spacing: 'None',
      }),
    ],
    { style: 'emphasis', bleed: true },
  );

/** What the recipient gets in their chat with the bot. */
export const stampReceivedCard = (input: {
  senderName: string;
  kind: StampKindView;
  message: string | null;
  sentAt: Date | string;
  /** Idempotency key of the one-click reply (one reply per received stamp). */
  replyRequestId: string;
  /** The kind a one-click thank-you uses; without it there is no reply button. */
  thanksKindCode?: string | undefined;
  /** For a 1on1 invitation: a Teams link that opens a new meeting with the sender. */
  meetingLink?: string | undefined;
  /** The recipient has thanked the sender: the reply button gives way to a line saying so. */
  replied?: boolean | undefined;
  /** 「この提案について」: the proposal or 重点案件 the stamp is about (e.g. `提案 R6-0012 件名`). */
  aboutLabel?: string | undefined;
}): AdaptiveCard => {
  const isOneOnOne = input.kind.purpose === 'one_on_one';
  const actions: CardAction[] = [
    ...(isOneOnOne && input.meetingLink ? [openUrlAction('1on1の日程を作成', input.meetingLink)] : []),
    ...(input.thanksKindCode && !input.replied
      ? [
          executeAction(
            'お礼のスタンプを返す',
            'stamp.reply',
            { requestId: input.replyRequestId, kindCode: input.thanksKindCode },
            { style: 'positive' },
          ),
        ]
      : []),
  ];
  return adaptiveCard(
    [
      stampBadge(input.kind),
      textBlock(`${input.senderName}さんからスタンプが届きました`, {
        weight: 'Bolder',
        size: 'Medium',
        spacing: 'Medium',
      }),
      ...(input.aboutLabel
        ? [textBlock(`📌 この提案について：${input.aboutLabel}`, { spacing: 'Small' })]
        : []),
      ...(input.message
        ? [container([textBlock(input.message)], { style: 'emphasis', spacing: 'Small' })]
        : []),
      ...(isOneOnOne
        ? [
            textBlock('1on1のお誘いです。都合のよい日時を相談して、会議を設定しましょう。', {
              spacing: 'Medium',
            }),
          ]
        : []),
      textBlock(formatDateTime(input.sentAt), { isSubtle: true, size: 'Small', spacing: 'Small' }),
      ...(input.replied ? [doneLine('お礼を返しました')] : []),
    ],
    { actions },
  );
};
