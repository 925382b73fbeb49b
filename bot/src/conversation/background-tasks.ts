/**
 * Work a turn starts but does not wait for: the weekly division sync with the directory, proactive
 * installations. A turn answers without Microsoft Graph; this runs after. Nothing is kept between
 * requests but the promises in flight, so shutdown (and a test) can wait for them to settle.
 */
export interface BackgroundTasks {
  /** Starts `task` unless one with the same key is still running; a failure goes to the error handler. */
  run(key: string, task: () => Promise<unknown>): void;
  /** Resolves once every task started so far (and any they started) has settled. */
  idle(): Promise<void>;
}

export const createBackgroundTasks = (onError: (error: unknown, key: string) => void): BackgroundTasks => {
  const running = new Map<string, Promise<void>>();
  return {
    run(key, task) {
      if (running.has(key)) return;
      const settled = Promise.resolve()
        .then(task)
        .then(
          () => undefined,
          (error: unknown) => onError(error, key),
        )
        .finally(() => running.delete(key));
      running.set(key, settled);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
};
