import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutgoingMessage } from '../../bot/src/conversation/activity';
import type { MessageSender, SendResult } from '../../bot/src/notifications/message-sender';
import { queryRows } from '../../bot/src/data/database';
import { upsertConversationReference } from '../../bot/src/data/repositories/conversation-references-repository';
import { findDelivery } from '../../bot/src/data/repositories/notification-deliveries-repository';
import { conversationReferences, users } from '../../bot/src/data/schema/index';
import { createJsonLogger, silentLogger } from '../../bot/src/jobs/job-logger';
import { notificationDeadLetterQueueName, notificationQueueName } from '../../bot/src/jobs/notification-jobs';
import { createNotificationWorker } from '../../bot/src/jobs/notification-worker';
import { SendRateLimiter } from '../../bot/src/jobs/send-rate-limiter';
import {
  startWorkerRuntime,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from '../../bot/src/jobs/worker-runtime';
import { createTestUser, useTestDatabase } from '../helpers/test-context';

const tenantId = 'tenant-test';
const message: OutgoingMessage = { text: '提案の状態が変わりました。', summary: '職員提案のお知らせ' };

interface EdgeCall {
  conversationId: string;
  at: number;
  result: SendResult;
}

/**
 * Behaves like the Teams edge for proactive sends: answers each conversation's scripted results in
 * order (then `sent`), records every call, and answers 429 itself when a sliding one-second window
 * per tenant or per conversation is exceeded (Teams counts requests, throttled ones included).
 */
class FakeTeamsEdge implements MessageSender {
  readonly calls: EdgeCall[] = [];
  private readonly scripts = new Map<string, SendResult[]>();

  constructor(private readonly limits: { tenantPerSecond: number; conversationPerSecond: number }) {}

  script(conversationId: string, ...results: SendResult[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...results]);
  }

  async send(reference: Record<string, unknown>): Promise<SendResult> {
    const conversationId = (reference.conversation as { id: string }).id;
    const at = Date.now();
    const recent = this.calls.filter((call) => call.at > at - 1000);
    let result: SendResult;
    if (recent.length >= this.limits.tenantPerSecond) result = { outcome: 'throttled', retryAfterMs: 1000 };
    else if (
      recent.filter((call) => call.conversationId === conversationId).length >=
      this.limits.conversationPerSecond
    ) {
      result = { outcome: 'throttled', retryAfterMs: 1000 };
    } else
      result = this.scripts.get(conversationId)?.shift() ?? {
        outcome: 'sent',
        activityId: `activity-${this.calls.length + 1}`,
      };
    this.calls.push({ conversationId, at, result });
    await new Promise((resolve) => setTimeout(resolve, 2)); // a little network latency
    return result;
  }

  callsTo(conversationId: string): EdgeCall[] {
    return this.calls.filter((call) => call.conversationId === conversationId);
  }

  get throttledCount(): number {
    return this.calls.filter((call) => call.result.outcome === 'throttled').length;
  }
}

const failed503: SendResult = {
  outcome: 'failed',
  retryable: true,
  status: 503,
  reason: 'ServiceUnavailable',
};

/** The most calls inside any window of `windowMs` (sliding, starting at each call). */
const busiestWindow = (calls: EdgeCall[], windowMs: number): number =>
  Math.max(
    0,
    ...calls.map(
      (first) => calls.filter((call) => call.at >= first.at && call.at < first.at + windowMs).length,
    ),
  );

describe('durable notifications', () => {
  const ctx = useTestDatabase();
  const runtimes: WorkerRuntime[] = [];
  afterEach(async () => {
    for (const runtime of runtimes.splice(0)) await runtime.stop();
  });

  const newEdge = (limits = { tenantPerSecond: 50, conversationPerSecond: 7 }) => new FakeTeamsEdge(limits);

  const start = async (sender: MessageSender | undefined, options: Partial<WorkerRuntimeOptions> = {}) => {
    const runtime = await startWorkerRuntime({
      database: ctx.database,
      logger: process.env.DEBUG_JOBS ? createJsonLogger('debug') : silentLogger,
      runWorker: Boolean(sender),
      sender,
      retryPolicy: { retryLimit: 2, retryDelaySeconds: 1 },
      rateLimits: { ratePerSecond: 44, burst: 4 },
      consumer: { concurrency: 50, pollIntervalMs: 50, stopTimeoutMs: 1_000 },
      deadLetterConsumer: { concurrency: 5, pollIntervalMs: 100, stopTimeoutMs: 1_000 },
      pendingSweepIntervalMs: 0,
      ...options,
    });
    runtimes.push(runtime);
    return runtime;
  };

  let conversationCounter = 0;
  const addPersonalConversation = async (userId: string) => {
    conversationCounter += 1;
    const conversationId = `a:personal-${conversationCounter}`;
    await upsertConversationReference(ctx.db, {
      conversationId,
      conversationType: 'personal',
      tenantId,
      userId,
      serviceUrl: 'https://smba.trafficmanager.net/jp/',
      reference: { conversation: { id: conversationId }, serviceUrl: 'https://smba.trafficmanager.net/jp/' },
    });
    return conversationId;
  };

  const reachableUser = async () => {
    const { userId } = await createTestUser(ctx.db);
    return { userId, conversationId: await addPersonalConversation(userId) };
  };

  const enqueue = (runtime: WorkerRuntime, userId: string, dedupeKey: string) =>
    ctx.db.transaction((tx) => runtime.notifications.enqueueToUsers(tx, [{ userId, dedupeKey, message }]));

  const jobs = (queue: string) =>
    queryRows<{ id: string; state: string; retry_count: number }>(
      ctx.db,
      sql`select id, state, retry_count from pgboss.job where name = ${queue} order by created_on`,
    );

  const statusOf = async (dedupeKey: string) => (await findDelivery(ctx.db, dedupeKey))?.status;

  const waitForStatus = (dedupeKey: string, status: string, timeout = 5_000) =>
    vi.waitFor(async () => expect(await statusOf(dedupeKey)).toBe(status), { timeout, interval: 25 });

  const waitForJobStates = (queue: string, states: string[], timeout = 5_000) =>
    vi.waitFor(async () => expect((await jobs(queue)).map((job) => job.state)).toEqual(states), {
      timeout,
      interval: 25,
    });

  it('enqueues inside the caller’s transaction: a rollback leaves nothing, a commit delivers once', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();

    await expect(
      ctx.db.transaction(async (tx) => {
        await runtime.notifications.enqueueToUsers(tx, [{ userId, dedupeKey: 'test:rolled-back', message }]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await jobs(notificationQueueName)).toEqual([]);
    expect(await findDelivery(ctx.db, 'test:rolled-back')).toBeUndefined();

    await enqueue(runtime, userId, 'test:committed');
    await waitForStatus('test:committed', 'sent');
    await waitForJobStates(notificationQueueName, ['completed']);
    const delivery = await findDelivery(ctx.db, 'test:committed');
    expect(delivery).toMatchObject({ attempts: 1, conversationId, activityId: 'activity-1', payload: null });
    expect(delivery!.sentAt).not.toBeNull();

    // The same dedupe key again (a retried service call): no second job, no second message.
    await enqueue(runtime, userId, 'test:committed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jobs(notificationQueueName)).toHaveLength(1);
    expect(edge.calls).toHaveLength(1);
  });

  it('429: waits Retry-After in-process, then delivers, and slows the tenant down', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();
    edge.script(conversationId, { outcome: 'throttled', retryAfterMs: 400 });

    await enqueue(runtime, userId, 'test:throttled');
    await waitForStatus('test:throttled', 'sent');

    const [first, second] = edge.callsTo(conversationId);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(400);
    expect(runtime.worker!.limiter.currentRate(tenantId)).toBeLessThan(44);
    await waitForJobStates(notificationQueueName, ['completed']);
    expect((await jobs(notificationQueueName))[0]!.retry_count).toBe(0);
  });

  it('5xx: retried by the queue with exponential backoff, then delivered', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();
    edge.script(conversationId, failed503, failed503);

    await enqueue(runtime, userId, 'test:flaky');
    await waitForStatus('test:flaky', 'sent', 12_000);

    const [first, second, third] = edge.callsTo(conversationId);
    expect(edge.callsTo(conversationId)).toHaveLength(3);
    // pg-boss: retryDelay × 2^(n+1) / 2 plus up to as much again in jitter: 1–2 s, then 2–4 s.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(1_950);
    expect(await findDelivery(ctx.db, 'test:flaky')).toMatchObject({ attempts: 3, lastError: null });
    await waitForJobStates(notificationQueueName, ['completed']);
    expect((await jobs(notificationQueueName))[0]!.retry_count).toBe(2);
  });

  it('repeated 5xx: dead-lettered after the retry limit and marked dead', async () => {
    const edge = newEdge();
    const runtime = await start(edge, { retryPolicy: { retryLimit: 1, retryDelaySeconds: 1 } });
    const { userId, conversationId } = await reachableUser();
    edge.script(conversationId, failed503, failed503, failed503);

    await enqueue(runtime, userId, 'test:down');
    await waitForStatus('test:down', 'dead', 10_000);

    expect(edge.callsTo(conversationId)).toHaveLength(2);
    const delivery = await findDelivery(ctx.db, 'test:down');
    expect(delivery).toMatchObject({ attempts: 2, lastError: 'http_503:ServiceUnavailable' });
    expect(delivery!.payload).not.toBeNull(); // kept, so an operator can send it again
    await waitForJobStates(notificationQueueName, ['failed']);
    await waitForJobStates(notificationDeadLetterQueueName, ['completed']);
  });

  it('403: undeliverable at once, never retried', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();
    edge.script(conversationId, { outcome: 'blocked', status: 403 });

    await enqueue(runtime, userId, 'test:blocked');
    await waitForStatus('test:blocked', 'undeliverable');
    await waitForJobStates(notificationQueueName, ['completed']);
    expect(await findDelivery(ctx.db, 'test:blocked')).toMatchObject({
      lastError: 'blocked_403',
      payload: null,
    });
    expect(edge.calls).toHaveLength(1);
  });

  it('404: the conversation reference becomes inactive, undeliverable, never retried', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();
    edge.script(conversationId, { outcome: 'not_found', status: 404 });

    await enqueue(runtime, userId, 'test:gone');
    await waitForStatus('test:gone', 'undeliverable');
    await waitForJobStates(notificationQueueName, ['completed']);
    expect(await findDelivery(ctx.db, 'test:gone')).toMatchObject({ lastError: 'not_found_404' });
    const [reference] = await ctx.db
      .select({ isActive: conversationReferences.isActive })
      .from(conversationReferences)
      .where(sql`${conversationReferences.conversationId} = ${conversationId}`);
    expect(reference!.isActive).toBe(false);
    expect(edge.calls).toHaveLength(1);
  });

  it('no conversation yet: pending without a send, delivered once the app is installed', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId } = await createTestUser(ctx.db);
    const other = await createTestUser(ctx.db);

    await enqueue(runtime, userId, 'test:later');
    await enqueue(runtime, other.userId, 'test:later-other');
    await waitForStatus('test:later', 'pending');
    await waitForStatus('test:later-other', 'pending');
    await waitForJobStates(notificationQueueName, ['completed', 'completed']);
    expect(edge.calls).toHaveLength(0);
    expect(
      (await runtime.notifications.findPendingForUser(ctx.db, userId)).map((row) => row.dedupeKey),
    ).toEqual(['test:later']);
    // Nothing to re-queue while the user still cannot be reached.
    expect(await runtime.notifications.requeuePending(ctx.db, userId)).toBe(0);

    // The install flow stores the reference and re-queues.
    const conversationId = await addPersonalConversation(userId);
    expect(await runtime.notifications.requeuePending(ctx.db, userId)).toBe(1);
    await waitForStatus('test:later', 'sent');
    expect(edge.callsTo(conversationId)).toHaveLength(1);

    // Someone the install flow missed: the periodic sweep picks them up.
    await addPersonalConversation(other.userId);
    expect(await statusOf('test:later-other')).toBe('pending');
    expect(await runtime.notifications.requeueReachable(ctx.db)).toBe(1);
    await waitForStatus('test:later-other', 'sent');
    expect(edge.calls).toHaveLength(2);
  });

  it('a job delivered twice (worker killed after the send, before completing it) sends once', async () => {
    const edge = newEdge();
    const runtime = await start(undefined); // enqueue only; this test plays the worker itself
    const { userId } = await reachableUser();
    await enqueue(runtime, userId, 'test:redelivered');
    const [job] = await runtime.jobQueue.fetch<{ dedupeKey: string }>(notificationQueueName, 1);
    const worker = createNotificationWorker({
      db: ctx.db,
      sender: edge,
      limiter: new SendRateLimiter(),
      logger: silentLogger,
    });

    expect(await worker.handle(job!)).toEqual({ outcome: 'sent' });
    expect(await worker.handle(job!)).toEqual({ outcome: 'skipped' });
    expect(edge.calls).toHaveLength(1);
    expect(await statusOf('test:redelivered')).toBe('sent');
  });

  it('paces one busy conversation to Teams’ per-conversation windows', async () => {
    const edge = newEdge();
    const runtime = await start(edge);
    const { userId, conversationId } = await reachableUser();
    for (let i = 0; i < 10; i += 1) await enqueue(runtime, userId, `test:busy-${i}`);

    await waitForStatus('test:busy-9', 'sent');
    await vi.waitFor(() => expect(edge.calls).toHaveLength(10), { timeout: 5_000 });
    expect(edge.throttledCount).toBe(0);
    expect(busiestWindow(edge.callsTo(conversationId), 1_000)).toBeLessThanOrEqual(7);
    expect(busiestWindow(edge.callsTo(conversationId), 2_000)).toBeLessThanOrEqual(8);
  });

  it('drains 300 notifications at the configured tenant rate without exceeding the limit', async () => {
    const edge = newEdge({ tenantPerSecond: 50, conversationPerSecond: 7 });
    const runtime = await start(edge);
    const count = 300;
    const created = await ctx.db
      .insert(users)
      .values(Array.from({ length: count }, (_, i) => ({ displayName: `職員 ${i}`, tenantId })))
      .returning({ id: users.id });
    await ctx.db.insert(conversationReferences).values(
      created.map(({ id }, i) => ({
        conversationId: `a:bulk-${i}`,
        conversationType: 'personal',
        tenantId,
        userId: id,
        serviceUrl: 'https://smba.trafficmanager.net/jp/',
        reference: { conversation: { id: `a:bulk-${i}` }, serviceUrl: 'https://smba.trafficmanager.net/jp/' },
      })),
    );
    await ctx.db.transaction((tx) =>
      runtime.notifications.enqueueToUsers(
        tx,
        created.map(({ id }, i) => ({ userId: id, dedupeKey: `test:bulk-${i}`, message })),
      ),
    );

    await vi.waitFor(() => expect(edge.calls.length).toBeGreaterThanOrEqual(count), {
      timeout: 15_000,
      interval: 50,
    });
    await vi.waitFor(
      async () => {
        const [row] = await queryRows<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from notification_deliveries where status = 'sent'`,
        );
        expect(row!.n).toBe(count);
      },
      { timeout: 5_000 },
    );

    expect(edge.throttledCount).toBe(0);
    expect(edge.calls).toHaveLength(count);
    expect(busiestWindow(edge.calls, 1_000)).toBeLessThanOrEqual(50);
    const seconds = (edge.calls.at(-1)!.at - edge.calls[0]!.at) / 1000;
    const rate = (count - 1) / seconds;
    // At least 90 % of the configured 44/s; never above the 50/s the edge allows.
    expect(rate).toBeGreaterThanOrEqual(0.9 * 44);
    expect(rate).toBeLessThanOrEqual(50);
  });
});
