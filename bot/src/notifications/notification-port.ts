import type { Executor } from '../data/database';
import type { OutgoingMessage } from './outgoing-message';

/** One message for one person; `dedupeKey` makes delivery exactly-once from the recipient's point of view. */
export interface QueuedNotification {
  userId: string;
  dedupeKey: string;
  message: OutgoingMessage;
}

/**
 * Where services hand messages for people to the durable notification queue (jobs/notification-jobs.ts
 * implements it). Enqueued inside the service's own transaction, so a message exists exactly when the
 * change that caused it committed.
 */
export interface NotificationPort {
  enqueueToUsers(tx: Executor, notifications: QueuedNotification[]): Promise<void>;
  /** Queues what waited for the user to install the app; call when their 1:1 chat becomes reachable. */
  requeuePending(tx: Executor, userId: string): Promise<number>;
}

/** Links the messages carry (deep links into the tab). */
export interface MessageLinks {
  teamsAppId?: string | undefined;
  publicUrl?: string | undefined;
}

/** What a service needs to tell people about a change: the queue and the links its messages carry. */
export interface Notifier {
  notifications: NotificationPort;
  links: MessageLinks;
}
