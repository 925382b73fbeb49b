import { setMaxListeners } from 'node:events';
import type { Job, JobQueue } from './job-queue';
import type { JobLogger } from './job-logger';

export interface JobConsumerOptions {
  /** Jobs in hand at once; the next batch is fetched as soon as a quarter of them has finished. */
  concurrency: number;
  /** Wait between fetches while the queue is empty. */
  pollIntervalMs: number;
  /** On stop: how long jobs in hand may still finish before they are aborted and handed back. */
  stopTimeoutMs: number;
}

/** Resolves with the job's output (stored by pg-boss, so ids and codes only) or throws to retry. */
export type JobHandler<T> = (job: Job<T>, signal: AbortSignal) => Promise<object | void>;

/** What a thrown error leaves in the job's output: a code, never personal data. */
export const failureOutput = (error: unknown): { code: string } => {
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') {
    return { code: (error as { code: string }).code.slice(0, 64) };
  }
  return { code: error instanceof Error ? error.name : 'error' };
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Pulls jobs from one pg-boss queue and runs them with bounded concurrency. Unlike `boss.work()`,
 * which waits for a whole batch and completes or fails it as one, each job is completed or failed on
 * its own and the next batch is fetched while the rest are still running, so one slow job (a
 * Retry-After wait) never stalls the others and a rate-limited sender is kept busy.
 */
export class JobConsumer<T> {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly aborting = new AbortController();
  private readonly stopped = new Promise<void>((resolve) =>
    this.stopping.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  private loop: Promise<void> | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly name: string,
    private readonly options: JobConsumerOptions,
    private readonly handler: JobHandler<T>,
    private readonly logger: JobLogger,
  ) {
    // Every job in hand listens on the abort signal (e.g. while it waits for the rate limiter).
    setMaxListeners(options.concurrency + 10, this.aborting.signal);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops fetching, lets jobs in hand finish for up to `stopTimeoutMs`, then aborts the rest. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    if (this.inFlight.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.stopTimeoutMs);
      });
      await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
      clearTimeout(timer);
    }
    this.aborting.abort(new Error('worker stopping'));
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const { concurrency, pollIntervalMs } = this.options;
    const minBatch = Math.max(1, Math.floor(concurrency / 4));
    while (!this.stopping.signal.aborted) {
      const free = concurrency - this.inFlight.size;
      if (free < minBatch && this.inFlight.size > 0) {
        await Promise.race([...this.inFlight, this.stopped]);
        continue;
      }
      let jobs: Job<T>[] = [];
      try {
        jobs = await this.queue.fetch<T>(this.name, free);
      } catch (error) {
        this.logger.warn({ queue: this.name, reason: failureOutput(error).code }, 'job fetch failed');
      }
      for (const job of jobs) this.track(job);
      if (jobs.length === 0) await sleep(pollIntervalMs, this.stopping.signal);
    }
  }

  private track(job: Job<T>): void {
    const running = this.runJob(job).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async runJob(job: Job<T>): Promise<void> {
    let output: object | void;
    try {
      output = await this.handler(job, this.aborting.signal);
    } catch (error) {
      await this.finish(job, 'fail', failureOutput(error));
      return;
    }
    await this.finish(job, 'complete', output ?? {});
  }

  private async finish(job: Job<T>, how: 'complete' | 'fail', output: object): Promise<void> {
    try {
      if (how === 'complete') await this.queue.complete(this.name, job.id, output);
      else await this.queue.fail(this.name, job.id, output);
    } catch (error) {
      // The job stays active; pg-boss expires and retries it, and handlers are idempotent.
      this.logger.error(
        { queue: this.name, jobId: job.id, reason: failureOutput(error).code },
        `job ${how} failed`,
      );
    }
  }
}
