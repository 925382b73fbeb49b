import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { queryRows, withinTransaction } from '../database';
import { notificationDeliveries, type NotificationDeliveryRow } from '../schema/index';

export interface QueuedDeliveryInput {
  dedupeKey: string;
  userId: string;
  payload: Record<string, unknown>;
}

/** Records notifications to send in one statement; answers the dedupe keys not known before (to enqueue). */
export const insertQueuedDeliveries = async (
  db: Executor,
  inputs: QueuedDeliveryInput[],
): Promise<string[]> => {
  if (inputs.length === 0) return [];
  const inserted = await db
    .insert(notificationDeliveries)
    .values(inputs.map((input) => ({ ...input, status: 'queued' as const })))
    .onConflictDoNothing({ target: notificationDeliveries.dedupeKey })
    .returning({ dedupeKey: notificationDeliveries.dedupeKey });
  return inserted.map((row) => row.dedupeKey);
};

export const findDelivery = async (
  db: Executor,
  dedupeKey: string,
): Promise<NotificationDeliveryRow | undefined> => {
  const [row] = await db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.dedupeKey, dedupeKey));
  return row;
};

export interface ClaimedDelivery {
  dedupeKey: string;
  userId: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Takes a queued notification for one delivery attempt (or one whose previous holder died: its
 * claim ran out). Undefined when it is already final, pending, or held by a live worker.
 */
export const claimDelivery = async (
  db: Executor,
  dedupeKey: string,
  leaseMs: number,
): Promise<ClaimedDelivery | undefined> => {
  const [row] = await db
    .update(notificationDeliveries)
    .set({
      status: 'sending',
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      claimedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(notificationDeliveries.dedupeKey, dedupeKey),
        sql`(${notificationDeliveries.status} = 'queued' or (${notificationDeliveries.status} = 'sending' and ${notificationDeliveries.claimedUntil} < now()))`,
      ),
    )
    .returning({
      dedupeKey: notificationDeliveries.dedupeKey,
      userId: notificationDeliveries.userId,
      payload: notificationDeliveries.payload,
      attempts: notificationDeliveries.attempts,
    });
  if (!row) return undefined;
  return { ...row, payload: row.payload ?? {} };
};

/** The sent-marker. Wins over any other state: the message is in the user's chat. */
export const markDeliverySent = async (
  db: Executor,
  dedupeKey: string,
  sent: { conversationId: string; activityId: string | null },
): Promise<void> => {
  await db
    .update(notificationDeliveries)
    .set({
      status: 'sent',
      payload: null,
      lastError: null,
      claimedUntil: null,
      conversationId: sent.conversationId,
      activityId: sent.activityId,
      sentAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(notificationDeliveries.dedupeKey, dedupeKey));
};

/** Final without a send (blocked, conversation gone, rejected): the message is dropped. */
export const markDeliveryUndeliverable = async (
  db: Executor,
  dedupeKey: string,
  failure: { lastError: string; conversationId?: string | null },
): Promise<void> => {
  await db
    .update(notificationDeliveries)
    .set({
      status: 'undeliverable',
      payload: null,
      lastError: failure.lastError,
      claimedUntil: null,
      conversationId: failure.conversationId ?? null,
      updatedAt: sql`now()`,
    })
    .where(
      and(eq(notificationDeliveries.dedupeKey, dedupeKey), eq(notificationDeliveries.status, 'sending')),
    );
};

/** Gives a claimed notification back to the queue after a failed attempt (the job is retried). */
export const releaseDelivery = async (db: Executor, dedupeKey: string, lastError: string): Promise<void> => {
  await db
    .update(notificationDeliveries)
    .set({ status: 'queued', lastError, claimedUntil: null, updatedAt: sql`now()` })
    .where(
      and(eq(notificationDeliveries.dedupeKey, dedupeKey), eq(notificationDeliveries.status, 'sending')),
    );
};

/**
 * Parking a user's notification and re-queuing it when their chat appears take the same per-user
 * lock (held to the end of each transaction). Without it a chat stored while the worker parks could
 * be missed by both sides: the worker's statement not yet seeing the new chat, the re-queue not yet
 * seeing the parked row, and the notification would wait for the next sweep.
 */
const lockUserDeliveries = (db: Executor, userId: string) =>
  db.execute(sql`select pg_advisory_xact_lock(hashtext('notification-deliveries'), hashtext(${userId}))`);

/**
 * Parks a claimed notification until the user can be reached, re-checking for an active 1:1
 * conversation under the user's delivery lock: false (nothing parked) when one appeared meanwhile,
 * so an install that commits while the worker looks never leaves a notification waiting.
 */
export const markDeliveryPendingIfUnreachable = async (
  db: Executor,
  dedupeKey: string,
  userId: string,
): Promise<boolean> =>
  withinTransaction(db, async (tx) => {
    await lockUserDeliveries(tx, userId);
    const rows = await queryRows<{ dedupe_key: string }>(
      tx,
      sql`update notification_deliveries d
          set status = 'pending', last_error = 'no_conversation', claimed_until = null, updated_at = now()
          where d.dedupe_key = ${dedupeKey} and d.status = 'sending'
            and not exists (
              select 1 from conversation_references r
              where r.user_id = d.user_id and r.conversation_type = 'personal' and r.is_active
            )
          returning d.dedupe_key`,
    );
    return rows.length === 1;
  });

/** After the queue gave up on a notification (dead-letter queue). No-op once final or held by a live worker. */
export const markDeliveryDead = async (
  db: Executor,
  dedupeKey: string,
  lastError: string,
): Promise<boolean> => {
  const rows = await db
    .update(notificationDeliveries)
    .set({ status: 'dead', lastError, claimedUntil: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(notificationDeliveries.dedupeKey, dedupeKey),
        sql`(${notificationDeliveries.status} = 'queued' or (${notificationDeliveries.status} = 'sending' and ${notificationDeliveries.claimedUntil} < now()))`,
      ),
    )
    .returning({ dedupeKey: notificationDeliveries.dedupeKey });
  return rows.length === 1;
};

/** Notifications waiting for this user to install the app, oldest first. */
export const findPendingDeliveriesForUser = async (
  db: Executor,
  userId: string,
): Promise<NotificationDeliveryRow[]> =>
  db
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.userId, userId), eq(notificationDeliveries.status, 'pending')))
    .orderBy(asc(notificationDeliveries.createdAt));

/**
 * Moves pending notifications back to the queue for users who now have an active 1:1 conversation
 * (one user, or everyone when `userId` is absent), limited to those younger than `maxAgeMs`; older
 * ones become undeliverable (`expired`) instead of surprising someone months later. Returns the
 * re-queued keys, oldest first; the caller enqueues a job for each in the same transaction.
 */
export const requeuePendingDeliveries = async (
  db: Executor,
  options: { userId?: string; maxAgeMs: number },
): Promise<string[]> => {
  const forUser = options.userId ? sql`and d.user_id = ${options.userId}` : sql``;
  if (options.userId) await lockUserDeliveries(db, options.userId);
  await db.execute(
    sql`update notification_deliveries d
        set status = 'undeliverable', payload = null, last_error = 'expired', updated_at = now()
        where d.status = 'pending' ${forUser}
          and d.created_at < now() - ${options.maxAgeMs} * interval '1 millisecond'`,
  );
  const rows = await queryRows<{ dedupe_key: string }>(
    db,
    sql`with requeued as (
          update notification_deliveries d
          set status = 'queued', last_error = null, updated_at = now()
          where d.status = 'pending' ${forUser}
            and exists (
              select 1 from conversation_references r
              where r.user_id = d.user_id and r.conversation_type = 'personal' and r.is_active
            )
          returning d.dedupe_key, d.created_at
        )
        select dedupe_key from requeued order by created_at, dedupe_key`,
  );
  return rows.map((row) => row.dedupe_key);
};
