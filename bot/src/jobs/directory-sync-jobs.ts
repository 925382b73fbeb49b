import type { QueueDefinition } from './job-queue';

/**
 * The daily directory sync as a pg-boss cron schedule: pg-boss puts one job per tick into the queue
 * for the whole cluster (however many processes run the schedule), and one consumer runs it.
 */
export const directorySyncQueueName = 'directory-sync';

/** 03:00 Tokyo time: after the night's personnel-system exports, before anyone works. */
export const directorySyncSchedule = { name: directorySyncQueueName, cron: '0 3 * * *', tz: 'Asia/Tokyo' };

export const directorySyncQueue: QueueDefinition = {
  name: directorySyncQueueName,
  // A failed round is repeated from the last complete one; later retries wait for Graph to recover.
  retryLimit: 3,
  retryDelaySeconds: 5 * 60,
  retryBackoff: true,
  expireInSeconds: 60 * 60,
  retentionDays: 1,
};
