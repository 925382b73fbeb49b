import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../bot/src/data/database';
import { directorySyncQueueName } from '../../bot/src/jobs/directory-sync-jobs';
import { silentLogger } from '../../bot/src/jobs/job-logger';
import { startWorkerRuntime, type WorkerRuntime } from '../../bot/src/jobs/worker-runtime';
import { startTestWorker, useTestDatabase } from '../helpers/test-context';
import { waitUntil } from '../helpers/wait';

/**
 * The directory sync's schedule in pg-boss: declared once per cluster (a second process declaring it
 * leaves one schedule), at 03:00 Tokyo time, and a job of its queue runs the sync in the worker.
 */
describe('directory sync schedule', () => {
  const ctx = useTestDatabase();
  const runtimes: WorkerRuntime[] = [];
  afterEach(async () => {
    for (const runtime of runtimes.splice(0)) await runtime.stop();
  });

  it('is one pg-boss cron schedule for the cluster, and its job runs the sync once', async () => {
    let runs = 0;
    const start = () =>
      startTestWorker(ctx.database, {
        consumer: { pollIntervalMs: 50 },
        directorySync: async () => {
          runs += 1;
          return { users: 0 };
        },
      });
    runtimes.push(await start(), await start());
    const schedules = await queryRows<{ name: string; cron: string; timezone: string }>(
      ctx.db,
      sql`select name, cron, timezone from pgboss.schedule where name = ${directorySyncQueueName}`,
    );
    expect(schedules).toEqual([{ name: directorySyncQueueName, cron: '0 3 * * *', timezone: 'Asia/Tokyo' }]);

    await runtimes[0]!.jobQueue.enqueueAll(directorySyncQueueName, [{}]);
    await waitUntil(() => runs === 1, { what: 'the sync job to run', timeoutMs: 10_000 });
    await waitUntil(
      async () =>
        (
          await queryRows<{ state: string }>(
            ctx.db,
            sql`select state from pgboss.job where name = ${directorySyncQueueName}`,
          )
        )[0]?.state === 'completed',
      { what: 'the job completed', timeoutMs: 10_000 },
    );
    expect(runs).toBe(1);
  });

  it('is not declared without the directory (Microsoft Graph off)', async () => {
    await ctx.db.execute(sql`delete from pgboss.schedule`);
    runtimes.push(
      await startWorkerRuntime({ database: ctx.database, logger: silentLogger, runWorker: false }),
    );
    expect(
      await queryRows(ctx.db, sql`select name from pgboss.schedule where name = ${directorySyncQueueName}`),
    ).toEqual([]);
  });
});
