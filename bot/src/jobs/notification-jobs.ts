import type { OutgoingMessage } from '../notifications/outgoing-message';
import { withinTransaction, type Executor } from '../data/database';
import {
  findPendingDeliveriesForUser,
  insertQueuedDeliveries,
  requeuePendingDeliveries,
} from '../data/repositories/notification-deliveries-repository';
import type { NotificationDeliveryRow } from '../data/schema/index';
import type { NotificationPort } from '../notifications/notification-port';
import type { JobQueue, QueueDefinition } from './job-queue';

/**
 * Notifications to people, as durable jobs (a transactional outbox dispatched by pg-boss):
 *
 * - A service calls `enqueueToUsers(tx, [{ userId, dedupeKey, message }, …])` inside its own
 *   transaction. That writes one `notification_deliveries` row per message (status queued, the message
 *   as payload) and one pg-boss job `{ dedupeKey }` each, all in the caller's transaction: no job
 *   without the business change, no business change without its job. A dedupe key seen before is a
 *   no-op, so a retried service call never notifies twice.
 * - The job carries only the key. The worker reads the row, sends, and records the outcome there
 *   (sent / undeliverable / dead); a redelivered job finds the sent-marker and does nothing.
 * - A user without a 1:1 chat with the bot gets a `pending` row, no send. When a personal
 *   conversation reference is stored for them (install, first message), `requeuePending(tx, userId)`
 *   queues their pending notifications; a periodic sweep in the worker does the same for anyone
 *   the install flow missed.
 *
 * Dedupe keys name the cause, with ids only: `stamp:<stampId>`, `proposal-status:<historyId>`.
 */
export const notificationQueueName = 'notifications';
export const notificationDeadLetterQueueName = 'notifications-dead';

export interface NotificationJobData {
  dedupeKey: string;
}

export const isNotificationJobData = (data: unknown): data is NotificationJobData =>
  Boolean(data) &&
  typeof data === 'object' &&
  typeof (data as { dedupeKey?: unknown }).dedupeKey === 'string' &&
  (data as { dedupeKey: string }).dedupeKey.length > 0;

export interface NotificationRetryPolicy {
  /** Retries after the first attempt before the notification is dead (default 5: about half an hour). */
  retryLimit: number;
  /** First retry delay; doubles each time, with jitter (default 30 s). */
  retryDelaySeconds: number;
  /**
   * A job active this long belongs to a worker that died (kill -9, out of memory): pg-boss retries it.
   * Longer than a job's longest run and than the worker's claim on the delivery (leaseMs, 10 min), so
   * the retried job finds the claim expired and sends. Default 15 min.
   */
  expireInSeconds: number;
}

export const defaultNotificationRetryPolicy: NotificationRetryPolicy = {
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: 15 * 60,
};

export const notificationQueues = (
  policy: NotificationRetryPolicy = defaultNotificationRetryPolicy,
): QueueDefinition[] => [
  {
    name: notificationQueueName,
    retryLimit: policy.retryLimit,
    retryDelaySeconds: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
    retentionDays: 14,
    deadLetter: notificationDeadLetterQueueName,
  },
  {
    name: notificationDeadLetterQueueName,
    retryLimit: 10,
    retryDelaySeconds: 60,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
    retentionDays: 14,
  },
];

/** Teams refuses activities over 100 KB and advises staying under ~80 KB. */
const maxMessageBytes = 80 * 1024;
const maxDedupeKeyLength = 200;
/** Pending notifications older than this are not delivered on install (they are stale by then). */
export const pendingMaxAgeMs = 30 * 24 * 60 * 60 * 1000;

export interface NotificationToUser {
  userId: string;
  dedupeKey: string;
  message: OutgoingMessage;
}

/** The producer side: what services and the install flow call. */
export class NotificationQueue implements NotificationPort {
  constructor(private readonly jobs: JobQueue) {}

  /**
   * Queues messages for users' 1:1 chats with the bot, atomically with the caller's transaction: one
   * statement for the delivery rows and one for their jobs, however many recipients. Idempotent on
   * `dedupeKey`. Throws (rolling the caller back) on a malformed or oversized message.
   */
  async enqueueToUsers(executor: Executor, notifications: NotificationToUser[]): Promise<void> {
    for (const { dedupeKey, message } of notifications) {
      if (!dedupeKey || dedupeKey.length > maxDedupeKeyLength) {
        throw new Error(`Notification dedupe key must have 1-${maxDedupeKeyLength} characters`);
      }
      if (!message.card && !message.text) throw new Error('A notification needs a card or a text');
      const size = Buffer.byteLength(JSON.stringify(message), 'utf8');
      if (size > maxMessageBytes) throw new Error(`Notification ${dedupeKey} is too large (${size} bytes)`);
    }
    if (notifications.length === 0) return;
    // In the caller's transaction when it passes one; a transaction of its own otherwise.
    await withinTransaction(executor, async (tx) => {
      const inserted = await insertQueuedDeliveries(
        tx,
        notifications.map(({ userId, dedupeKey, message }) => ({
          dedupeKey,
          userId,
          payload: message as unknown as Record<string, unknown>,
        })),
      );
      await this.enqueueJobs(tx, inserted);
    });
  }

  /**
   * Queues the user's pending notifications (call it after storing their personal conversation
   * reference, e.g. on install). Returns how many were queued.
   */
  async requeuePending(executor: Executor, userId: string): Promise<number> {
    return this.requeue(executor, userId);
  }

  /** The sweep: pending notifications of everyone who can be reached now. */
  async requeueReachable(executor: Executor): Promise<number> {
    return this.requeue(executor, undefined);
  }

  /** What is waiting for this user to install the app (status pending), oldest first. */
  findPendingForUser(executor: Executor, userId: string): Promise<NotificationDeliveryRow[]> {
    return findPendingDeliveriesForUser(executor, userId);
  }

  private async requeue(executor: Executor, userId: string | undefined): Promise<number> {
    return executor.transaction(async (tx) => {
      const keys = await requeuePendingDeliveries(tx, {
        ...(userId ? { userId } : {}),
        maxAgeMs: pendingMaxAgeMs,
      });
      await this.enqueueJobs(tx, keys);
      return keys.length;
    });
  }

  private enqueueJobs(tx: Executor, dedupeKeys: string[]): Promise<void> {
    return this.jobs.enqueueAll(
      notificationQueueName,
      dedupeKeys.map((dedupeKey) => ({ dedupeKey }) satisfies NotificationJobData),
      { executor: tx },
    );
  }
}
