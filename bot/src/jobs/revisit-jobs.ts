import type { Database } from '../data/database';
import type { Notifier } from '../notifications/notification-port';
import { announceDueRevisits } from '../services/proposals/revisit-proposals';
import type { JobLogger } from './job-logger';
import type { QueueDefinition, ScheduleDefinition } from './job-queue';

/**
 * The daily revisit of 「その他」 proposals: pg-boss fires the schedule once per cluster each morning
 * (Tokyo), and whichever worker fetches the job runs announceDueRevisits. The job carries nothing:
 * it works from the clock and the database, so a retried or late job does the same thing.
 */
export const revisitQueueName = 'proposal-revisit';

export const revisitQueue: QueueDefinition = {
  name: revisitQueueName,
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 10 * 60,
  retentionDays: 2,
};

/** 08:00 in Tokyo, before the office's day starts. */
export const revisitSchedule: ScheduleDefinition = {
  name: revisitQueueName,
  cron: '0 8 * * *',
  tz: 'Asia/Tokyo',
};

/** The job's handler: announce what has come due by the clock's today. */
export const revisitJobHandler =
  (options: { db: Database; notifier: Notifier; clock: () => Date; logger: JobLogger }) =>
  async (): Promise<{ today: string; announced: number; recipients: number }> => {
    const result = await announceDueRevisits(options.db, options.notifier, options.clock());
    if (result.announced > 0) options.logger.info(result, 'revisit digest queued');
    return result;
  };
