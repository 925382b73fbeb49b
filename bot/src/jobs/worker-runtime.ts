import type { MessageSender } from '../notifications/message-sender';
import type { MessageLinks } from '../notifications/notification-port';
import type { DatabaseHandle } from '../data/database';
import {
  foldProposalTermCounts,
  vacuumProposalTermDeltas,
} from '../data/repositories/similar-proposals-repository';
import { queueLiaisonDigests } from '../services/proposals/liaison-digest';
import { directorySyncQueue, directorySyncQueueName, directorySyncSchedule } from './directory-sync-jobs';
import type { JobConsumerOptions } from './job-consumer';
import type { JobLogger } from './job-logger';
import { createJobQueue, type JobQueue, type JobQueueOptions } from './job-queue';
import {
  defaultNotificationRetryPolicy,
  NotificationQueue,
  notificationDeadLetterQueueName,
  notificationQueueName,
  notificationQueues,
  type NotificationJobData,
  type NotificationRetryPolicy,
} from './notification-jobs';
import {
  createNotificationWorker,
  type NotificationWorker,
  type NotificationWorkerOptions,
} from './notification-worker';
import {
  followerDigestJobHandler,
  followerDigestQueue,
  followerDigestQueueName,
  followerDigestSchedule,
} from './follower-digest-jobs';
import { revisitJobHandler, revisitQueue, revisitQueueName, revisitSchedule } from './revisit-jobs';
import { SendRateLimiter, type SendRateLimiterOptions } from './send-rate-limiter';

export interface WorkerRuntimeOptions {
  database: DatabaseHandle;
  /** Run the notification worker in this process (needs `sender`); false: enqueue only. */
  runWorker: boolean;
  /** How messages reach Teams (the Teams adapter's MessageSender). */
  sender?: MessageSender | undefined;
  retryPolicy?: Partial<NotificationRetryPolicy>;
  rateLimits?: Partial<SendRateLimiterOptions>;
  worker?: Partial<NotificationWorkerOptions>;
  consumer?: Partial<JobConsumerOptions>;
  deadLetterConsumer?: Partial<JobConsumerOptions>;
  /** The scheduled jobs' consumer (tests: a short poll). */
  scheduledConsumer?: Partial<JobConsumerOptions>;
  /** How often pending notifications of users who became reachable are re-queued (0: never). */
  pendingSweepIntervalMs?: number;
  /** How often the similar check's term counts are folded (default 2 s; tests: longer). */
  termCountFoldIntervalMs?: number;
  /** How soon after a fold that took rows the next one runs (default 250 ms; tests: longer). */
  termCountBusyFoldIntervalMs?: number;
  /** How often the embedded database is vacuumed (default hourly; tests: shorter). */
  embeddedVacuumIntervalMs?: number;
  queue?: JobQueueOptions;
  /** Links the scheduled digests carry (deep links into the tab). */
  links?: MessageLinks;
  /** The scheduled jobs' clock (tests: a fixed day). */
  clock?: () => Date;
  /** Keep the daily schedules and run their jobs in this process (default: with the worker). */
  runSchedules?: boolean;
  /**
   * The directory sync (when Microsoft Graph is configured): scheduled daily for the cluster, run by
   * the process that runs the worker.
   */
  directorySync?: (() => Promise<unknown>) | undefined;
}

/**
 * Work the worker runs now and then, where the worker runs; each task is safe to run often and in
 * several processes at once.
 */
interface PeriodicTask {
  name: string;
  /** The pause between the end of one run and the start of the next (runs never overlap). */
  everyMs: number;
  /** The pause after a run that found work (it resolved to true); default everyMs. */
  busyEveryMs?: number;
  /** Also once when the worker starts. */
  atStart?: boolean;
  run(): Promise<unknown>;
}

export interface WorkerRuntime {
  jobQueue: JobQueue;
  /** The NotificationPort for services, and `requeuePending` for the install flow. Usable once started. */
  notifications: NotificationQueue;
  /** Present once started, when the worker runs in this process. */
  readonly worker: NotificationWorker | undefined;
  /** Installs/migrates pg-boss's schema and queues; then starts the worker when asked to. */
  start(logger: JobLogger): Promise<void>;
  /** Graceful: stops fetching, lets jobs in hand finish (bounded), stops pg-boss. Call before closing the database. */
  stop(): Promise<void>;
}

/**
 * Consumer defaults: 50 jobs in hand keeps a 25/s sender busy with room for slow responses; an idle
 * queue is polled every second (one indexed query), fetching again at once while jobs keep coming.
 */
const defaultConsumer: JobConsumerOptions = { concurrency: 50, pollIntervalMs: 1_000, stopTimeoutMs: 5_000 };
const defaultDirectorySyncConsumer: JobConsumerOptions = {
  concurrency: 1,
  pollIntervalMs: 30_000,
  stopTimeoutMs: 2_000,
};
const defaultDeadLetterConsumer: JobConsumerOptions = {
  concurrency: 10,
  pollIntervalMs: 5_000,
  stopTimeoutMs: 2_000,
};

/**
 * The job queue (every process: services enqueue into it) and, when asked, the notification worker
 * with its dead-letter consumer and the pending sweep. Used by `npm start` (in-process worker,
 * WORKER_IN_PROCESS=true) and by `npm run worker`. Built without I/O so `notifications` can be handed
 * to the services before the server (and its logger) exists; `start` before serving.
 */
export const createWorkerRuntime = (options: WorkerRuntimeOptions): WorkerRuntime => {
  const { database } = options;
  const retryPolicy = { ...defaultNotificationRetryPolicy, ...options.retryPolicy };
  const runSchedules = options.runSchedules ?? options.runWorker;
  const schedules = [
    revisitSchedule,
    followerDigestSchedule,
    ...(options.directorySync ? [directorySyncSchedule] : []),
  ];
  const jobQueue = createJobQueue(
    database,
    [...notificationQueues(retryPolicy), revisitQueue, followerDigestQueue, directorySyncQueue],
    { ...options.queue, ...(runSchedules ? { schedules } : {}) },
  );
  const notifications = new NotificationQueue(jobQueue);
  let scheduledJobsStarted = false;

  /** The scheduled jobs' consumer: one job a day, polled each minute. */
  const startScheduledJobs = (logger: JobLogger) => {
    scheduledJobsStarted = true;
    const consumer = {
      concurrency: 1,
      pollIntervalMs: 60_000,
      stopTimeoutMs: 5_000,
      ...options.scheduledConsumer,
    };
    const context = {
      db: database.db,
      notifier: { notifications, links: options.links ?? {} },
      clock: options.clock ?? (() => new Date()),
      logger,
    };
    jobQueue.consume(revisitQueueName, consumer, revisitJobHandler(context));
    jobQueue.consume(followerDigestQueueName, consumer, followerDigestJobHandler(context));
  };
  let worker: NotificationWorker | undefined;
  let sweep: ReturnType<typeof setInterval> | undefined;
  const stopPeriodicTasks: (() => void)[] = [];
  let sweeping: Promise<void> | undefined;
  let log: JobLogger | undefined;

  const startWorker = (sender: MessageSender, logger: JobLogger): NotificationWorker => {
    const created = createNotificationWorker({
      db: database.db,
      sender,
      limiter: new SendRateLimiter(options.rateLimits),
      logger,
      ...(options.worker ? { options: options.worker } : {}),
    });
    jobQueue.consume<NotificationJobData>(
      notificationQueueName,
      { ...defaultConsumer, ...options.consumer },
      (job, signal) => created.handle(job, signal),
    );
    jobQueue.consume<NotificationJobData>(
      notificationDeadLetterQueueName,
      { ...defaultDeadLetterConsumer, ...options.deadLetterConsumer },
      (job) => created.handleDead(job),
    );
    const sweepEveryMs = options.pendingSweepIntervalMs ?? 5 * 60_000;
    const runSweep = () => {
      sweeping ??= notifications
        .requeueReachable(database.db)
        .then((count) => {
          if (count > 0) logger.info({ count }, 'pending notifications re-queued');
        })
        .catch((error: unknown) =>
          logger.warn({ reason: error instanceof Error ? error.name : 'error' }, 'pending sweep failed'),
        )
        .finally(() => {
          sweeping = undefined;
        });
    };
    if (sweepEveryMs > 0) sweep = setInterval(runSweep, sweepEveryMs);
    const { directorySync } = options;
    if (directorySync)
      jobQueue.consume(
        directorySyncQueueName,
        { ...defaultDirectorySyncConsumer, ...options.consumer, concurrency: 1 },
        async () => {
          const result = await directorySync();
          logger.info({ result }, 'directory sync done');
          return {};
        },
      );
    const periodicTasks: PeriodicTask[] = [
      // The liaisons' daily digest, hourly (once a day per liaison by its dedupe key).
      {
        name: 'liaison-digest',
        everyMs: 60 * 60_000,
        run: () => queueLiaisonDigests(database.db, { notifications, links: options.links ?? {} }),
      },
      // Document frequencies appended by submissions, added to the shared counts (migration 0034).
      // At start too: what was written while no worker ran (the seed and import commands, which on the
      // embedded database run only while the server is stopped) is folded before the first tick, so the
      // first similar checks after a start weigh by complete counts. A fold that took rows leaves them
      // dead in the table every check reads, so the table is vacuumed right after. While submissions
      // arrive the folds come every quarter second: every check reads all of the submissions not folded
      // yet (each 40 of them cost a check about 2 ms at 100,000 proposals), and an idle fold costs
      // under a millisecond.
      {
        name: 'term-count-fold',
        everyMs: options.termCountFoldIntervalMs ?? 2_000,
        busyEveryMs: options.termCountBusyFoldIntervalMs ?? 250,
        atStart: true,
        run: async () => {
          if ((await foldProposalTermCounts(database.db)) === 0) return false;
          await vacuumProposalTermDeltas(database.db);
          return true;
        },
      },
      // The embedded database has no autovacuum (DatabaseHandle.maintain); hourly, as on a server
      // autovacuum would look at a table that changed. Not at start: the first fold comes first.
      ...(database.kind === 'pglite'
        ? [
            {
              name: 'embedded-vacuum',
              everyMs: options.embeddedVacuumIntervalMs ?? 60 * 60_000,
              run: () => database.maintain(),
            },
          ]
        : []),
    ];
    for (const task of periodicTasks) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const next = (ms: number) => {
        if (!stopped) timer = setTimeout(() => void run(), ms);
      };
      const run = async () => {
        let busy = false;
        try {
          busy = (await task.run()) === true;
        } catch (error) {
          logger.warn({ reason: error instanceof Error ? error.name : 'error' }, `${task.name} failed`);
        }
        next(busy ? (task.busyEveryMs ?? task.everyMs) : task.everyMs);
      };
      if (task.atStart) void run();
      else next(task.everyMs);
      stopPeriodicTasks.push(() => {
        stopped = true;
        clearTimeout(timer);
      });
    }
    logger.info(
      { queue: notificationQueueName, ratePerSecond: created.limiter.options.ratePerSecond },
      'notification worker started',
    );
    return created;
  };

  return {
    jobQueue,
    notifications,
    get worker() {
      return worker;
    },
    start: async (logger) => {
      log = logger;
      await jobQueue.start(logger);
      if (runSchedules && !scheduledJobsStarted) startScheduledJobs(logger);
      if (!options.runWorker || worker) return;
      if (!options.sender) {
        logger.warn({}, 'notification worker not started: no MessageSender given; notifications stay queued');
        return;
      }
      worker = startWorker(options.sender, logger);
    },
    stop: async () => {
      if (sweep) clearInterval(sweep);
      sweep = undefined;
      for (const stopTask of stopPeriodicTasks.splice(0)) stopTask();
      await sweeping;
      await jobQueue.stop();
      scheduledJobsStarted = false;
      if (worker) log?.info({}, 'notification worker stopped');
      worker = undefined;
    },
  };
};

/** createWorkerRuntime + start. */
export const startWorkerRuntime = async (
  options: WorkerRuntimeOptions & { logger: JobLogger },
): Promise<WorkerRuntime> => {
  const runtime = createWorkerRuntime(options);
  await runtime.start(options.logger);
  return runtime;
};
