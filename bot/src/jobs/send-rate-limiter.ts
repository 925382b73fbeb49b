/**
 * Paces proactive sends to Teams' limits inside one process (a dozen lines of state did not justify a
 * dependency: bottleneck is unmaintained since 2019 and knows neither sliding windows nor Retry-After).
 *
 * - Per tenant: an adaptive token bucket. `ratePerSecond + burst` is the most sends any one-second
 *   window can see, so keep it at most Teams' 30/s per app per tenant (default 28 + 2: the bench's
 *   10,000 notifications run at ≥ 90% of the allowed rate with no 429, docs/benchmarks.md). A 429 halves
 *   the rate (at most once per second, never below `minRatePerSecond`); it then climbs back linearly
 *   at `recoveryPerSecond` per second.
 * - Per conversation: sliding windows (Teams: 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / hour), each a
 *   little longer (`windowMarginMs`) to absorb network jitter, plus a pause for Retry-After.
 *
 * Waiters are served first come, first served, skipping one whose conversation is not ready, so a
 * busy chat never holds up everyone else. The limit is per process: run one worker per tenant's
 * traffic, or divide the rate between workers.
 */
export interface SendRateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  minRatePerSecond: number;
  recoveryPerSecond: number;
  conversationWindows: ReadonlyArray<{ limit: number; windowMs: number }>;
  windowMarginMs: number;
  now: () => number;
}

export const teamsConversationWindows = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
] as const;

export const defaultSendRateLimits = (
  overrides: Partial<SendRateLimiterOptions> = {},
): SendRateLimiterOptions => {
  const ratePerSecond = overrides.ratePerSecond ?? 28;
  return {
    ratePerSecond,
    burst: 2,
    minRatePerSecond: Math.min(1, ratePerSecond),
    recoveryPerSecond: ratePerSecond / 20,
    conversationWindows: teamsConversationWindows,
    windowMarginMs: 50,
    now: () => Date.now(),
    ...overrides,
  };
};

/** Where a send goes: the tenant shares one budget, the conversation has its own. */
export interface SendSlot {
  tenantId: string;
  conversationId: string;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
  /** Rate right after the last 429, and when it came (null: never throttled or fully recovered). */
  reducedRate: number;
  throttledAt: number | null;
}

interface ConversationState {
  /** Grant times, ascending, within the longest window. */
  sends: number[];
  blockedUntil: number;
}

interface Waiter {
  slot: SendSlot;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

const decreaseCooldownMs = 1_000;
const sweepEveryMs = 60_000;

export class SendRateLimiter {
  readonly options: SendRateLimiterOptions;
  private readonly buckets = new Map<string, Bucket>();
  private readonly conversations = new Map<string, ConversationState>();
  private readonly longestWindowMs: number;
  private waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sweptAt: number;

  constructor(options: Partial<SendRateLimiterOptions> = {}) {
    this.options = defaultSendRateLimits(options);
    if (!(this.options.ratePerSecond > 0) || !(this.options.burst >= 1)) {
      throw new Error('SendRateLimiter needs ratePerSecond > 0 and burst >= 1');
    }
    this.longestWindowMs =
      Math.max(0, ...this.options.conversationWindows.map((w) => w.windowMs)) + this.options.windowMarginMs;
    this.sweptAt = this.options.now();
  }

  /** Resolves when this send may go; rejects with the signal's reason if aborted while waiting. */
  acquire(slot: SendSlot, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        slot,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Teams answered 429: pause this conversation for Retry-After and slow the whole tenant down. */
  throttled(slot: SendSlot, retryAfterMs: number): void {
    const now = this.options.now();
    const bucket = this.bucket(slot.tenantId, now);
    if (bucket.throttledAt === null || now - bucket.throttledAt >= decreaseCooldownMs) {
      bucket.reducedRate = Math.max(this.options.minRatePerSecond, this.rateOf(bucket, now) / 2);
      bucket.throttledAt = now;
    }
    bucket.tokens = Math.min(bucket.tokens, 0);
    const conversation = this.conversation(slot.conversationId);
    conversation.blockedUntil = Math.max(conversation.blockedUntil, now + Math.max(0, retryAfterMs));
    this.pump();
  }

  /** The tenant's current sustained rate (sends per second). */
  currentRate(tenantId: string): number {
    const now = this.options.now();
    return this.rateOf(this.bucket(tenantId, now), now);
  }

  get waiting(): number {
    return this.waiters.length;
  }

  private rateOf(bucket: Bucket, now: number): number {
    if (bucket.throttledAt === null) return this.options.ratePerSecond;
    const recovered =
      bucket.reducedRate + ((now - bucket.throttledAt) / 1000) * this.options.recoveryPerSecond;
    if (recovered >= this.options.ratePerSecond) {
      bucket.throttledAt = null;
      return this.options.ratePerSecond;
    }
    return recovered;
  }

  /** The tenant's bucket, refilled up to now. */
  private bucket(tenantId: string, now: number): Bucket {
    let bucket = this.buckets.get(tenantId);
    if (!bucket) {
      bucket = {
        tokens: this.options.burst,
        refilledAt: now,
        reducedRate: this.options.ratePerSecond,
        throttledAt: null,
      };
      this.buckets.set(tenantId, bucket);
    }
    if (now > bucket.refilledAt) {
      const refill = ((now - bucket.refilledAt) / 1000) * this.rateOf(bucket, now);
      bucket.tokens = Math.min(this.options.burst, bucket.tokens + refill);
      bucket.refilledAt = now;
    }
    return bucket;
  }

  private conversation(conversationId: string): ConversationState {
    let state = this.conversations.get(conversationId);
    if (!state) {
      state = { sends: [], blockedUntil: 0 };
      this.conversations.set(conversationId, state);
    }
    return state;
  }

  /** Milliseconds until the conversation may send again (0: now). */
  private conversationWait(conversationId: string, now: number): number {
    const state = this.conversations.get(conversationId);
    if (!state) return 0;
    while (state.sends.length > 0 && state.sends[0]! <= now - this.longestWindowMs) state.sends.shift();
    let wait = Math.max(0, state.blockedUntil - now);
    for (const { limit, windowMs } of this.options.conversationWindows) {
      const window = windowMs + this.options.windowMarginMs;
      let first = state.sends.length;
      while (first > 0 && state.sends[first - 1]! > now - window) first -= 1;
      const inWindow = state.sends.length - first;
      if (inWindow >= limit) wait = Math.max(wait, state.sends[first + inWindow - limit]! + window - now);
    }
    return wait;
  }

  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.options.now();
    let nextCheckMs = Infinity;
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i]!;
      const conversationWait = this.conversationWait(waiter.slot.conversationId, now);
      const bucket = this.bucket(waiter.slot.tenantId, now);
      if (conversationWait > 0) {
        nextCheckMs = Math.min(nextCheckMs, conversationWait);
        i += 1;
      } else if (bucket.tokens < 1) {
        nextCheckMs = Math.min(nextCheckMs, ((1 - bucket.tokens) / this.rateOf(bucket, now)) * 1000);
        i += 1;
      } else {
        bucket.tokens -= 1;
        this.conversation(waiter.slot.conversationId).sends.push(now);
        this.waiters.splice(i, 1);
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    }
    if (now - this.sweptAt >= sweepEveryMs) this.sweep(now);
    if (this.waiters.length > 0 && Number.isFinite(nextCheckMs)) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(nextCheckMs)));
    }
  }

  /** Forgets conversations with nothing left in any window (memory stays bounded by recent traffic). */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [id, state] of this.conversations) {
      const last = state.sends.at(-1) ?? 0;
      if (last <= now - this.longestWindowMs && state.blockedUntil <= now) this.conversations.delete(id);
    }
  }
}
