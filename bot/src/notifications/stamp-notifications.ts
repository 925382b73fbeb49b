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
}

/** Queues the received-stamp card to each recipient, in the send's own transaction. */
export const notifyStampsSent = async (
  tx: Executor,
  notifications: NotificationPort,
  { sender, kind, thanksKind, stamps }: StampsSentEvent,
): Promise<void> => {
  const meetingLink =
    kind.purpose === 'one_on_one'
      ? oneOnOneMeetingLink({
          attendeeEmail: sender.email ?? undefined,
          subject: `1on1（${sender.displayName}さん）`,
        })
      : undefined;
  await notifications.enqueueToUsers(
    tx,
    stamps.map((stamp) => ({
      userId: stamp.recipientId,
      dedupeKey: `stamp:${stamp.id}`,
      message: {
        summary: `${sender.displayName}さんから「${kind.label}」スタンプが届きました`,
        card: stampReceivedCard({
          senderName: sender.displayName,
          kind,
          message: stamp.message,
          sentAt: stamp.sentAt,
          replyRequestId: `reply:${stamp.id}`,
          ...(thanksKind ? { thanksKindCode: thanksKind.code } : {}),
          ...(meetingLink ? { meetingLink } : {}),
        }),
      },
    })),
  );
};
