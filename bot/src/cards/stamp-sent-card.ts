import type { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, container, executeAction, factSet, heading, textBlock } from './elements';
import { stampBadge, type StampKindView } from './stamp-received-card';

export interface SentStampRecipient {
  name: string;
  /** delivered: has the app and gets it now; pending: gets it once the app is installed. */
  delivery: 'delivered' | 'pending';
}

const names = (recipients: readonly SentStampRecipient[]): string =>
  recipients.map((recipient) => `${recipient.name}さん`).join('、');

/** Replaces the stamp form once the stamps are stored. */
export const stampSentCard = ({
  kind,
  recipients,
  message,
  aboutLabel,
}: {
  kind: StampKindView;
  recipients: readonly SentStampRecipient[];
  message: string | null;
  /** 「この提案について」. */
  aboutLabel?: string | undefined;
}): AdaptiveCard => {
  const delivered = recipients.filter((recipient) => recipient.delivery === 'delivered');
  const pending = recipients.filter((recipient) => recipient.delivery === 'pending');
  const body: CardElement[] = [
    heading('✅ スタンプを送りました'),
    stampBadge(kind),
    factSet(
      [
        ['送信先', delivered.length > 0 ? names(delivered) : undefined],
        ['この提案について', aboutLabel],
      ],
      { spacing: 'Medium' },
    ),
    ...(message ? [container([textBlock(message)], { style: 'emphasis', spacing: 'Small' })] : []),
    ...(pending.length > 0
      ? [
          container(
            [
              textBlock('⏳ まだ届いていない宛先があります', { weight: 'Bolder' }),
              textBlock(names(pending), { spacing: 'Small' }),
              textBlock('アプリ未インストールのため、インストール後に届きます。', {
                isSubtle: true,
                size: 'Small',
                spacing: 'Small',
              }),
            ],
            { style: 'warning', spacing: 'Medium' },
          ),
        ]
      : []),
  ];
  return adaptiveCard(body, { actions: [executeAction('続けて送る', 'stamp.form')] });
};
