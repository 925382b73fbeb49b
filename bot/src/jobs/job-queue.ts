import PgBoss from 'pg-boss';
import type { DatabaseHandle, Executor } from '../data/database';
import { transactionSql } from '../data/sql-executor';
import { JobConsumer, type JobConsumerOptions, type JobHandler } from './job-consumer';
import { silentLogger, type JobLogger } from './job-logger';

/**
 * The durable job queue: pg-boss 10 in schema `pgboss` of our own database, running its SQL through
 * the DatabaseHandle (pg-boss's bring-your-own-db option), so it works the same on the embedded
 * PGlite and on PostgreSQL. pg-boss owns storage, retries with exponential backoff and jitter,
 * dead-lettering, expiry of jobs whose worker died, archiving and clean-up (maintenance); we own the
 * consumers (job-consumer.ts), which fetch in batches and finish each job on its own.
 */
export interface QueueDefinition {
  name: string;
  /** Retries after the first attempt; then the job fails and goes to `deadLetter`. */
  retryLimit: number;
  /** First retry delay in whole seconds; with backoff each retry waits about twice as long, ±50 %. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A job active this long is considered lost (worker died) and retried by maintenance. */
  expireInSeconds: number;
  /** How long a job not yet processed is kept before it is archived unprocessed. */
  retentionDays: number;
  deadLetter?: string;
}

export interface JobQueueOptions {
  schema?: string;
  /** How often pg-boss expires, archives and deletes jobs (shared across processes). */
  maintenanceIntervalSeconds?: number;
  /** Completed jobs move to the archive after this long, and are deleted from it after `deleteAfterDays`. */
  archiveCompletedAfterSeconds?: number;
  deleteAfterDays?: number;
  /**
   * Cron schedules pg-boss keeps (once per cluster: every process may declare them, one job per tick
   * is created). Without any, pg-boss's scheduler stays off.
   */
  schedules?: readonly { name: string; cron: string; tz: string }[];
}

export interface EnqueueOptions {
  /** Insert the jobs inside this transaction: they exist exactly when the transaction commits. */
  executor?: Executor;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export interface JobQueue {
  /** Installs or migrates the pgboss schema and creates (or updates) the queues. */
  start(logger: JobLogger): Promise<void>;
  /** Stops every consumer (waiting up to their timeout for jobs in hand), then pg-boss. */
  stop(): Promise<void>;
  /**
   * Queues one job per item of `data` in one statement. Throws before `start`. Inside a transaction
   * always pass it as `executor`: on PGlite (one connection) an insert outside it would wait for that
   * very transaction forever.
   */
  enqueueAll(name: string, data: object[], options?: EnqueueOptions): Promise<void>;
  fetch<T>(name: string, batchSize: number): Promise<Job<T>[]>;
  complete(name: string, id: string, output?: object): Promise<void>;
  fail(name: string, id: string, output: object): Promise<void>;
  consume<T>(name: string, options: JobConsumerOptions, handler: JobHandler<T>): JobConsumer<T>;
}

/** pg-boss on our database handle, with our maintenance settings. */
const createBoss = (database: DatabaseHandle, options: JobQueueOptions): PgBoss =>
  new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: options.schema ?? 'pgboss',
    migrate: true,
    supervise: true,
    // Cron schedules only when asked for (the directory sync); other periodic work is the runtime's.
    schedule: (options.schedules?.length ?? 0) > 0,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
    archiveCompletedAfterSeconds: options.archiveCompletedAfterSeconds ?? 12 * 60 * 60,
    deleteAfterDays: options.deleteAfterDays ?? 7,
  });

/** Creates the queues, or brings existing ones to their definitions. */
const defineQueues = async (boss: PgBoss, queues: QueueDefinition[]): Promise<void> => {
  // Dead-letter queues first: a queue's dead_letter must name an existing queue.
  const ordered = [...queues].sort((a, b) => Number(Boolean(a.deadLetter)) - Number(Boolean(b.deadLetter)));
  for (const definition of ordered) {
    const settings: PgBoss.Queue = {
      name: definition.name,
      policy: 'standard',
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: definition.retryBackoff,
      expireInSeconds: definition.expireInSeconds,
      retentionMinutes: definition.retentionDays * 24 * 60,
      ...(definition.deadLetter ? { deadLetter: definition.deadLetter } : {}),
    };
    // createQueue leaves an existing queue as it was; updateQueue applies changed settings.
    await boss.createQueue(definition.name, settings);
    await boss.updateQueue(definition.name, settings);
  }
};

/** Builds the queue without touching the database: enqueueing works once `start` has run (in any process). */
export const createJobQueue = (
  database: DatabaseHandle,
  queues: QueueDefinition[],
  options: JobQueueOptions = {},
): JobQueue => {
  const boss = createBoss(database, options);
  let logger: JobLogger = silentLogger;
  boss.on('error', (error: Error & { queue?: string }) =>
    logger.error({ reason: error.message, queue: error.queue }, 'job queue error'),
  );
  const consumers = new Set<JobConsumer<unknown>>();
  let started = false;

  const queue: JobQueue = {
    start: async (startLogger) => {
      if (started) return;
      logger = startLogger;
      // pg-boss's tables and our queues are created by the first instance to start; the others wait
      // their turn (see DatabaseHandle.exclusively) and find them there.
      await database.exclusively(async () => {
        await boss.start();
        await defineQueues(boss, queues);
        for (const schedule of options.schedules ?? [])
          await boss.schedule(schedule.name, schedule.cron, {}, { tz: schedule.tz });
      });
      started = true;
    },

    stop: async () => {
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      consumers.clear();
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 1_000, close: false });
      started = false;
    },

    enqueueAll: async (name, data, enqueueOptions = {}) => {
      // pg-boss inserts nothing, without failing, into a queue that does not exist yet.
      if (!started) throw new Error(`The job queue is not started: cannot enqueue into ${name}`);
      if (data.length === 0) return;
      await boss.insert(
        data.map((item) => ({ name, data: item })),
        enqueueOptions.executor ? { db: transactionSql(enqueueOptions.executor) } : {},
      );
    },

    fetch: async <T>(name: string, batchSize: number) => {
      const jobs = await boss.fetch<T>(name, { batchSize, includeMetadata: true });
      return jobs.map((job) => ({
        id: job.id,
        name: job.name,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      }));
    },

    complete: async (name, id, output) => {
      await boss.complete(name, id, output ?? {});
    },

    fail: async (name, id, output) => {
      await boss.fail(name, id, output);
    },

    consume: <T>(name: string, consumerOptions: JobConsumerOptions, handler: JobHandler<T>) => {
      const consumer = new JobConsumer<T>(queue, name, consumerOptions, handler, logger);
      consumers.add(consumer as JobConsumer<unknown>);
      consumer.start();
      return consumer;
    },
  };
  return queue;
};
