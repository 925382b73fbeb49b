import { sql } from 'drizzle-orm';
import { proposalQueueKeys, tokyoIsoDate } from '#shared';
import { queryRows } from '../bot/src/data/database';
import { proposalPageQueries } from '../bot/src/data/repositories/proposals-repository';
import { createBenchDatabase, seedLargeDataset } from './lib/databases';

/**
 * `npx tsx bench/queue-plans.ts`: the large dataset on PostgreSQL, then each work queue's page and
 * count statements EXPLAIN ANALYZEd (plan and execution time), without HTTP or load around them.
 */
const database = await createBenchDatabase('postgres', 'queueplans');
try {
  console.log(`seeded in ${Math.round(await seedLargeDataset(database))} s`);
  const handle = await database.open();
  try {
    // The office's reach: every division (a liaison's queues narrow it with divisionIds).
    const now = new Date();
    const context = { now, today: tokyoIsoDate(now) };
    for (const key of proposalQueueKeys) {
      const queries = proposalPageQueries(
        handle.db,
        { queue: { key, context } },
        { page: 1, pageSize: 20, sort: 'submittedAt', direction: 'desc' },
      );
      for (const [name, query] of Object.entries(queries)) {
        for (let warm = 0; warm < 2; warm += 1) await query;
        const rows = await queryRows<{ 'QUERY PLAN': string }>(handle.db, sql`explain analyze ${query}`);
        const plan = rows.map((row) => row['QUERY PLAN']);
        console.log(`\n== ${key} ${name}: ${plan.at(-1)}\n${plan.slice(0, 6).join('\n')}`);
      }
    }
  } finally {
    await handle.close();
  }
} finally {
  await database.drop();
}
