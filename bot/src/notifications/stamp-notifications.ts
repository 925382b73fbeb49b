import type { StampKind } from '#shared';
import { oneOnOneMeetingLink, stampReceivedCard } from '../cards/index';
import type { Executor } from '../data/database';
import type { NotificationPort } from './notification-port';

/** Stamps were stored: one per recipient, each told once (`stamp:<id>`). */
export interface StampsSentEvent {
  sender: { displayName: string; email: string | null };
  kind: StampKind;
  /** The kind a one-click "thanks" reply uses, if any is active. */
  thanksKind: StampKind | undefined;
  stamps: { id: string; recipientId: string; message: string | null; sentAt: Date }[];
  /** 「この提案について」, as the card names it. */
  aboutLabel?: string | undefined;
}

/**
 * The card a recipient gets for one stamp; with `replied` it is the same card after 「お礼のスタンプを
 * 返す」 was used (the bot answers the click with it, so the stamp stays as it was received).
 */
export const receivedStampCard = (
  { sender, kind, thanksKind, aboutLabel }: Omit<StampsSentEvent, 'stamps'>,
  stamp: { id: string; message: string | null; sentAt: Date | string },
  options: { replied?: boolean } = {},
) => {
  const meetingLink =
    kind.purpose === 'one_on_one'
      ? oneOnOneMeetingLink({
          attendeeEmail: sender.email ?? undefined,
          subject: `1on1（${sender.displayName}さん）`,
        })
      : undefined;
  return stampReceivedCard({
    senderName: sender.displayName,
    kind,
    message: stamp.message,
    sentAt: stamp.sentAt,
    replyRequestId: `reply:${stamp.id}`,
    ...(thanksKind ? { thanksKindCode: thanksKind.code } : {}),
    ...(meetingLink ? { meetingLink } : {}),
    ...(options.replied ? { replied: true } : {}),
    ...(aboutLabel ? { aboutLabel } : {}),
  });
};

/** Queues the received-stamp card to each recipient, in the send's own transaction. */
export const notifyStampsSent = async (
  tx: Executor,
  notifications: NotificationPort,
  event: StampsSentEvent,
): Promise<void> => {
  const { sender, kind } = event;
  await notifications.enqueueToUsers(
    tx,
    event.stamps.map((stamp) => ({
      userId: stamp.recipientId,
      dedupeKey: `stamp:${stamp.id}`,
      message: {
        summary: `${sender.displayName}さんから「${kind.label}」スタンプが届きました`,
        card: receivedStampCard(event, stamp),
      },
    })),
  );
};
