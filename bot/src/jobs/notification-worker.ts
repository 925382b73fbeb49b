import type { OutgoingMessage } from '../notifications/outgoing-message';
import type { MessageSender, SendResult } from '../notifications/message-sender';
import type { Database } from '../data/database';
import {
  deactivateConversationReference,
  findActivePersonalReference,
} from '../data/repositories/conversation-references-repository';
import {
  claimDelivery,
  findDelivery,
  markDeliveryDead,
  markDeliveryPendingIfUnreachable,
  markDeliverySent,
  markDeliveryUndeliverable,
  releaseDelivery,
} from '../data/repositories/notification-deliveries-repository';
import type { Job } from './job-queue';
import type { JobLogger } from './job-logger';
import { isNotificationJobData } from './notification-jobs';
import type { SendRateLimiter } from './send-rate-limiter';

export interface NotificationWorkerOptions {
  /** 429s answered by waiting Retry-After in-process before the job is handed back to the queue. */
  maxThrottleRetries: number;
  /** A Retry-After longer than this is not waited out in-process (the queue's backoff takes over). */
  maxThrottleWaitMs: number;
  /** A send that has not answered by then counts as a retryable failure (frees the slot). */
  sendTimeoutMs: number;
  /** How long a claim protects a delivery from a second worker; must exceed one job's longest run. */
  leaseMs: number;
}

export const defaultNotificationWorkerOptions: NotificationWorkerOptions = {
  maxThrottleRetries: 3,
  maxThrottleWaitMs: 30_000,
  sendTimeoutMs: 60_000,
  leaseMs: 10 * 60_000,
};

export type DeliveryOutcome = 'sent' | 'pending' | 'undeliverable' | 'skipped';

/** Thrown to have pg-boss retry the job later (backoff with jitter, then dead letter). */
export class DeliveryRetryError extends Error {
  override name = 'DeliveryRetryError';
  constructor(readonly code: string) {
    super(`delivery will be retried: ${code}`);
  }
}

export interface NotificationWorkerDeps {
  db: Database;
  sender: MessageSender;
  limiter: SendRateLimiter;
  logger: JobLogger;
  options?: Partial<NotificationWorkerOptions>;
}

/** A short, data-free code for a failed send (`http_503`, `network`, plus the sender's reason token). */
const failureCode = (result: Extract<SendResult, { outcome: 'failed' }>): string => {
  const status = result.status === null ? 'network' : `http_${result.status}`;
  const reason = result.reason.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 40);
  return reason ? `${status}:${reason}` : status;
};

/** The sender's answer, or a retryable failure once `ms` have passed without one. */
const sendWithin = async (send: Promise<SendResult>, ms: number): Promise<SendResult> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ outcome: 'failed', retryable: true, status: null, reason: 'send_timeout' }),
      ms,
    );
  });
  try {
    return await Promise.race([send, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Runs a write, retrying twice (after 0.2 s and 1 s) before giving up. */
const persist = async (write: () => Promise<void>): Promise<void> => {
  for (const pauseMs of [200, 1_000]) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return write();
};

const errorCode = (error: unknown): string =>
  error instanceof DeliveryRetryError
    ? error.code
    : `error:${error instanceof Error ? error.name : 'unknown'}`;

/** What the handlers work with: the deps, options filled in. */
interface WorkerContext extends Omit<NotificationWorkerDeps, 'options'> {
  options: NotificationWorkerOptions;
}

type ConversationReference = NonNullable<Awaited<ReturnType<typeof findActivePersonalReference>>>;
type FinalResult = Exclude<SendResult, { outcome: 'throttled' }>;

/** Waits for the rate limiter's slot, then sends; a sender that throws counts as a retryable failure. */
const sendThroughLimiter = async (
  { sender, limiter, logger, options }: WorkerContext,
  slot: { tenantId: string; conversationId: string },
  reference: ConversationReference,
  message: OutgoingMessage,
  log: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<SendResult> => {
  await limiter.acquire(slot, signal);
  try {
    return await sendWithin(sender.send(reference.reference, message), options.sendTimeoutMs);
  } catch (error) {
    logger.warn({ ...log, reason: errorCode(error) }, 'message sender threw');
    throw new DeliveryRetryError('send_threw');
  }
};

/** Records an answer other than a throttle on the delivery row; a retryable failure throws instead. */
const recordResult = async (
  { db }: WorkerContext,
  dedupeKey: string,
  reference: ConversationReference,
  result: FinalResult,
): Promise<DeliveryOutcome> => {
  switch (result.outcome) {
    case 'sent': {
      const sent = { conversationId: reference.conversationId, activityId: result.activityId };
      // The message is out: losing the marker now means sending it again, so insist a little.
      await persist(() => markDeliverySent(db, dedupeKey, sent));
      return 'sent';
    }
    case 'blocked':
      await markDeliveryUndeliverable(db, dedupeKey, {
        lastError: `blocked_${result.status}`,
        conversationId: reference.conversationId,
      });
      return 'undeliverable';
    case 'not_found':
      await deactivateConversationReference(db, reference.conversationId);
      await markDeliveryUndeliverable(db, dedupeKey, {
        lastError: `not_found_${result.status}`,
        conversationId: reference.conversationId,
      });
      return 'undeliverable';
    case 'failed':
      if (result.retryable) throw new DeliveryRetryError(failureCode(result));
      await markDeliveryUndeliverable(db, dedupeKey, {
        lastError: failureCode(result),
        conversationId: reference.conversationId,
      });
      return 'undeliverable';
  }
};

/** Sends a claimed delivery to the user's 1:1 conversation, waiting out short throttles in-process. */
const deliver = async (
  ctx: WorkerContext,
  userId: string,
  dedupeKey: string,
  message: OutgoingMessage,
  log: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<DeliveryOutcome> => {
  const { db, limiter, logger, options } = ctx;
  let throttles = 0;
  let lookedAgain = false;
  for (;;) {
    const reference = await findActivePersonalReference(db, userId);
    if (!reference) {
      if (await markDeliveryPendingIfUnreachable(db, dedupeKey, userId)) return 'pending';
      // Either a conversation appeared between the two reads (look again and send to it), or the
      // claim was lost to another worker.
      if (lookedAgain) return 'skipped';
      lookedAgain = true;
      continue;
    }
    const slot = { tenantId: reference.tenantId ?? 'default', conversationId: reference.conversationId };
    const result = await sendThroughLimiter(ctx, slot, reference, message, log, signal);
    if (result.outcome !== 'throttled') return recordResult(ctx, dedupeKey, reference, result);

    limiter.throttled(slot, result.retryAfterMs);
    throttles += 1;
    logger.warn(
      {
        ...log,
        retryAfterMs: result.retryAfterMs,
        throttles,
        tenantRate: limiter.currentRate(slot.tenantId),
      },
      'notification throttled',
    );
    if (throttles > options.maxThrottleRetries || result.retryAfterMs > options.maxThrottleWaitMs) {
      throw new DeliveryRetryError('throttled');
    }
    // The limiter holds this conversation until Retry-After has passed.
  }
};

/** One notification job: claim its delivery row, deliver, and hand the claim back if it must be retried. */
const handleJob = async (
  ctx: WorkerContext,
  job: Pick<Job<unknown>, 'id' | 'data'>,
  signal?: AbortSignal,
): Promise<{ outcome: DeliveryOutcome }> => {
  const { db, logger, options } = ctx;
  if (!isNotificationJobData(job.data)) {
    logger.error({ jobId: job.id }, 'notification job without a dedupe key');
    return { outcome: 'skipped' };
  }
  const { dedupeKey } = job.data;
  const claim = await claimDelivery(db, dedupeKey, options.leaseMs);
  if (!claim) {
    const row = await findDelivery(db, dedupeKey);
    logger.debug(
      { jobId: job.id, dedupeKey, status: row?.status ?? 'missing' },
      'notification not claimable',
    );
    return { outcome: 'skipped' };
  }
  const log = { jobId: job.id, dedupeKey, userId: claim.userId, attempt: claim.attempts };
  try {
    const outcome = await deliver(
      ctx,
      claim.userId,
      dedupeKey,
      claim.payload as OutgoingMessage,
      log,
      signal,
    );
    logger.info({ ...log, outcome }, 'notification handled');
    return { outcome };
  } catch (error) {
    logger.warn({ ...log, reason: errorCode(error) }, 'notification will be retried');
    // If this fails too, the claim runs out and the retried job takes the delivery over then.
    await releaseDelivery(db, dedupeKey, errorCode(error)).catch(() => undefined);
    throw error;
  }
};

/** The dead-letter queue's handler: pg-boss gave up on a notification. */
const handleDeadJob = async (
  { db, logger }: WorkerContext,
  job: Pick<Job<unknown>, 'id' | 'data'>,
): Promise<{ outcome: 'dead' | 'skipped' }> => {
  if (!isNotificationJobData(job.data)) return { outcome: 'skipped' };
  const { dedupeKey } = job.data;
  const row = await findDelivery(db, dedupeKey);
  const marked = await markDeliveryDead(db, dedupeKey, row?.lastError ?? 'retries_exhausted');
  if (marked) logger.error({ jobId: job.id, dedupeKey, userId: row?.userId }, 'notification dead');
  return { outcome: marked ? 'dead' : 'skipped' };
};

/**
 * The notification job handler. Per job: claim the delivery row (a sent-marker or another live
 * worker means there is nothing to do), find the user's active 1:1 conversation, wait for the rate
 * limiter, send through the injected MessageSender, and record what happened:
 *
 * - sent: marker `sent` (conversation, activity id); job completed.
 * - throttled (429): wait Retry-After in-process (the limiter holds the conversation and halves the
 *   tenant's rate), up to `maxThrottleRetries` times; then back to `queued` and the job fails, so
 *   pg-boss retries it later.
 * - blocked (403): `undeliverable`; job completed, never retried.
 * - not_found (404): conversation reference made inactive, `undeliverable`; never retried.
 * - failed, retryable (5xx, 412, network, timeout): back to `queued`, job fails: pg-boss retries
 *   with exponential backoff and jitter, then dead-letters it and the dead-letter handler marks `dead`.
 * - failed, not retryable: `undeliverable`.
 * - no active 1:1 conversation: `pending`, no send; job completed (re-queued on install).
 *
 * Exactly-once for the user rests on the sent-marker written right after Teams accepted the
 * message. The one gap left is a process killed between that acceptance and the marker: the job is
 * redelivered after the claim runs out and the user may see the message twice (at-least-once).
 */
export const createNotificationWorker = (deps: NotificationWorkerDeps) => {
  const ctx: WorkerContext = { ...deps, options: { ...defaultNotificationWorkerOptions, ...deps.options } };
  return {
    handle: (job: Pick<Job<unknown>, 'id' | 'data'>, signal?: AbortSignal) => handleJob(ctx, job, signal),
    handleDead: (job: Pick<Job<unknown>, 'id' | 'data'>) => handleDeadJob(ctx, job),
    limiter: deps.limiter,
  };
};

export type NotificationWorker = ReturnType<typeof createNotificationWorker>;
