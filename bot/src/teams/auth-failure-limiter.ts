/**
 * Failed bot authentications per client address, in fixed one-minute windows: past the limit an
 * address is refused before its token is even looked at. Bounded memory: at most `maxAddresses`
 * windows are kept (expired ones are dropped first, then the oldest). Per process, like the other
 * rate limits; Teams' own traffic (valid tokens) never counts.
 */
export interface AuthFailureLimiter {
  isBlocked(address: string, now?: number): boolean;
  recordFailure(address: string, now?: number): void;
}

const windowMs = 60_000;

export const createAuthFailureLimiter = (perMinute: number, maxAddresses = 10_000): AuthFailureLimiter => {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (address: string, now: number) => {
    const entry = windows.get(address);
    return entry && now - entry.start < windowMs ? entry : undefined;
  };
  const makeRoom = (now: number) => {
    for (const [address, entry] of windows) if (now - entry.start >= windowMs) windows.delete(address);
    for (const address of windows.keys()) {
      if (windows.size < maxAddresses) break;
      windows.delete(address);
    }
  };
  return {
    isBlocked: (address, now = Date.now()) => (current(address, now)?.failures ?? 0) >= perMinute,
    recordFailure: (address, now = Date.now()) => {
      const entry = current(address, now);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (windows.size >= maxAddresses) makeRoom(now);
      windows.delete(address);
      windows.set(address, { start: now, failures: 1 });
    },
  };
};
