import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendRateLimiter, type SendRateLimiterOptions } from '../../bot/src/jobs/send-rate-limiter';

const tenantId = 'tenant';

/** Acquires each slot in order and records when (fake ms since the start) each was granted. */
const grantTimes = async (limiter: SendRateLimiter, conversationIds: string[]): Promise<number[]> => {
  const start = Date.now();
  const times: number[] = [];
  const grants = conversationIds.map((conversationId, i) =>
    limiter.acquire({ tenantId, conversationId }).then(() => {
      times[i] = Date.now() - start;
    }),
  );
  await vi.runAllTimersAsync();
  await Promise.all(grants);
  return times;
};

const limiter = (options: Partial<SendRateLimiterOptions>) =>
  new SendRateLimiter({ windowMarginMs: 0, now: () => Date.now(), ...options });

describe('SendRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-04-01T09:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets the burst through, then paces the tenant at its rate', async () => {
    const times = await grantTimes(
      limiter({ ratePerSecond: 10, burst: 2 }),
      Array.from({ length: 6 }, (_, i) => `c${i}`),
    );
    expect(times).toEqual([0, 0, 100, 200, 300, 400]);
  });

  it('keeps one conversation within 7 per second and 8 per two seconds', async () => {
    const times = await grantTimes(
      limiter({ ratePerSecond: 1000, burst: 100 }),
      Array.from({ length: 10 }, () => 'busy'),
    );
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
  });

  it('does not hold other conversations up behind a busy one', async () => {
    const times = await grantTimes(limiter({ ratePerSecond: 1000, burst: 100 }), [
      ...Array.from({ length: 8 }, () => 'busy'),
      'quiet',
    ]);
    expect(times.at(-1)).toBe(0);
    expect(times[7]).toBe(1000);
  });

  it('on 429 pauses the conversation for Retry-After, halves the tenant rate once, then recovers', async () => {
    const subject = limiter({ ratePerSecond: 20, burst: 1, recoveryPerSecond: 5 });
    subject.throttled({ tenantId, conversationId: 'hot' }, 1_500);
    subject.throttled({ tenantId, conversationId: 'other' }, 10); // same second: no second halving
    expect(subject.currentRate(tenantId)).toBe(10);

    const times = await grantTimes(subject, ['hot', 'cool']);
    expect(times[0]).toBeGreaterThanOrEqual(1_500);
    expect(times[1]).toBeLessThan(1_500);

    vi.advanceTimersByTime(10_000);
    expect(subject.currentRate(tenantId)).toBe(20);
  });

  it('never slows below the minimum rate', () => {
    const subject = limiter({ ratePerSecond: 4, minRatePerSecond: 1 });
    for (let i = 0; i < 5; i += 1) {
      subject.throttled({ tenantId, conversationId: 'c' }, 0);
      vi.advanceTimersByTime(1_000);
    }
    expect(subject.currentRate(tenantId)).toBeGreaterThanOrEqual(1);
    expect(subject.currentRate(tenantId)).toBeLessThan(2);
  });

  it('rejects a waiter whose signal is aborted and serves the next one', async () => {
    const subject = limiter({ ratePerSecond: 1, burst: 1 });
    await subject.acquire({ tenantId, conversationId: 'a' });
    const controller = new AbortController();
    const aborted = subject.acquire({ tenantId, conversationId: 'b' }, controller.signal);
    const next = subject.acquire({ tenantId, conversationId: 'c' });
    controller.abort(new Error('stopping'));
    await expect(aborted).rejects.toThrow('stopping');
    expect(subject.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(next).resolves.toBeUndefined();
    await expect(
      subject.acquire({ tenantId, conversationId: 'd' }, AbortSignal.abort()),
    ).rejects.toBeDefined();
  });
});
