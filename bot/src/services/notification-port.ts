import type { OutgoingMessage } from '../conversation/activity';
import type { Executor } from '../data/database';

/**
 * Where services hand messages for people to the durable notification queue. Enqueued inside the
 * service's own transaction, so a message exists exactly when the change that caused it committed.
 * `dedupeKey` makes delivery exactly-once from the recipient's point of view.
 */
export interface NotificationPort {
  enqueueToUsers(
    tx: Executor,
    notifications: { userId: string; dedupeKey: string; message: OutgoingMessage }[],
  ): Promise<void>;
  /** Queues what waited for the user to install the app; call when their 1:1 chat becomes reachable. */
  requeuePending(tx: Executor, userId: string): Promise<number>;
}
