/**
 * Polls `probe` every `intervalMs` until it gives something other than `undefined` or `false`, and
 * resolves with that. After `timeoutMs` it fails with "<what> not reached in <n> ms"; `what` may be a
 * function, for a message made at that moment (a server's output so far). For waits on processes,
 * stubs and queues outside the test's control; an assertion that should come true is `vi.waitFor`'s.
 */
export const waitUntil = async <T>(
  probe: () => T | Promise<T>,
  options: { what: string | (() => string); timeoutMs?: number; intervalMs?: number },
): Promise<Exclude<T, undefined | false>> => {
  const { timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) {
      const what = typeof options.what === 'function' ? options.what() : options.what;
      throw new Error(`${what} not reached in ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
