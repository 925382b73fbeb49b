import type { OutgoingMessage } from '../conversation/activity';
import type { Transaction } from '../data/database';

/**
 * Where services hand messages for people to the durable notification queue. Enqueued inside the
 * service's own transaction, so a message exists exactly when the change that caused it committed.
 * `dedupeKey` makes delivery exactly-once from the recipient's point of view.
 */
export interface NotificationPort {
  enqueueToUser(
    tx: Transaction,
    notification: { userId: string; dedupeKey: string; message: OutgoingMessage },
  ): Promise<void>;
}
