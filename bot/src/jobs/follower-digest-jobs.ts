import type { Database } from '../data/database';
import type { Notifier } from '../notifications/notification-port';
import { queueFollowerDigests } from '../services/engagement/follower-updates';
import type { JobLogger } from './job-logger';
import type { QueueDefinition, ScheduleDefinition } from './job-queue';

/**
 * The followers' daily digest: pg-boss fires the schedule once per cluster each morning (Tokyo) and
 * whichever worker fetches the job runs queueFollowerDigests. The job carries nothing: it works from
 * the clock and the database (one card per person and day, by its dedupe key), so a retried or late
 * job does the same thing.
 */
export const followerDigestQueueName = 'follower-digest';

export const followerDigestQueue: QueueDefinition = {
  name: followerDigestQueueName,
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 10 * 60,
  retentionDays: 2,
};

/** 08:00 in Tokyo, with the revisit digest. */
export const followerDigestSchedule: ScheduleDefinition = {
  name: followerDigestQueueName,
  cron: '0 8 * * *',
  tz: 'Asia/Tokyo',
};

export const followerDigestJobHandler =
  (options: { db: Database; notifier: Notifier; clock: () => Date; logger: JobLogger }) =>
  async (): Promise<{ date: string; recipients: number; updates: number }> => {
    const result = await queueFollowerDigests(options.db, options.notifier, options.clock());
    if (result.recipients > 0) options.logger.info(result, 'follower digests queued');
    return result;
  };
