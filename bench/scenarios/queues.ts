import { join } from 'node:path';
import { proposalQueueKeys } from '#shared';
import { startEntraStub } from '../../tests/helpers/entra-token';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { largeBenchDatabase, type Backend } from '../lib/databases';
import { openLoop, type RequestSpec } from '../lib/load';
import { startProcess } from '../lib/processes';

/**
 * The office's work queues on the large database (100,000 proposals; see large-dataset.ts, shared
 * with scenario 3): each queue's first page (`GET /api/proposals?queue=…`, pageSize 20) in turn at
 * 10 requests/s, open loop, and the counts (`GET /api/proposals/queues`, one count per queue) at
 * 5 requests/s. Every count is checked to equal its list's total.
 */
export const runQueues = async (context: BenchContext, backend: Backend): Promise<ScenarioResult> => {
  const phaseSec = context.quick ? 4 : 10;
  const notes: string[] = [];
  const entra = await startEntraStub();
  try {
    const { database } = await largeBenchDatabase(backend);
    const { server } = await startProcess({
      script: 'bench/servers/app-server.ts',
      env: {
        ...database.env,
        ...entra.env(),
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
      },
      logFile: join(context.logsDir, `app-queues-${backend}.log`),
    });
    try {
      const token = await entra.sign({
        oid: 'aaaaaaaa-0000-4000-8000-00000000bench',
        name: '推進室 ベンチ',
        roles: ['Office'],
      });
      const headers = { authorization: `Bearer ${token}` };
      let counts: Record<string, number> = {};
      const list = (index: number): RequestSpec => ({
        method: 'GET',
        path: `/api/proposals?queue=${proposalQueueKeys[index % proposalQueueKeys.length]}&pageSize=20`,
        headers,
      });
      const listCheck = (code: number, body: string) => {
        if (code !== 200) return `${code} ${body.slice(0, 200)}`;
        const parsed = JSON.parse(body) as { total: number; items: unknown[] };
        return parsed.items.length === Math.min(20, parsed.total)
          ? undefined
          : `short page: ${body.slice(0, 200)}`;
      };
      const countCheck = (code: number, body: string) => {
        if (code !== 200) return `${code} ${body.slice(0, 200)}`;
        const parsed = JSON.parse(body) as { items: { key: string; count: number }[] };
        counts = Object.fromEntries(parsed.items.map((item) => [item.key, item.count]));
        return undefined;
      };
      const queueCounts = (): RequestSpec => ({ method: 'GET', path: '/api/proposals/queues', headers });
      await openLoop({ url: server.url, ratePerSecond: 10, durationSec: 2, next: list, check: listCheck });

      const rounds: Record<string, number>[] = [];
      for (let index = 0; index < context.rounds; index += 1) {
        const lists = await openLoop({
          url: server.url,
          ratePerSecond: 10,
          durationSec: phaseSec,
          next: list,
          check: listCheck,
        });
        const countRun = await openLoop({
          url: server.url,
          ratePerSecond: 5,
          durationSec: phaseSec,
          next: queueCounts,
          check: countCheck,
        });
        // The counts against each queue's list total, read once more after the load.
        let mismatches = 0;
        for (const key of proposalQueueKeys) {
          const response = await fetch(`${server.url}/api/proposals?queue=${key}&pageSize=1`, { headers });
          const { total } = (await response.json()) as { total: number };
          if (total !== counts[key]) mismatches += 1;
        }
        const figures = {
          queueListP50Ms: lists.p50Ms,
          queueListP95Ms: lists.p95Ms,
          queueListP99Ms: lists.p99Ms,
          queueCountsP95Ms: countRun.p95Ms,
          queueErrors: lists.errors + countRun.errors,
          queueCountMismatches: mismatches,
        };
        rounds.push(figures);
        for (const run of [lists, countRun])
          if (run.errors > 0) notes.push(`${backend} round ${index + 1}: e.g. ${run.errorSamples[0]}`);
        context.log(
          `  ${backend} round ${index + 1}: queue page p50 ${figures.queueListP50Ms} / p95 ${figures.queueListP95Ms} ms, ` +
            `counts p95 ${figures.queueCountsP95Ms} ms (${JSON.stringify(counts)})`,
        );
      }
      notes.push(`${backend}: queue sizes ${JSON.stringify(counts)}`);
      return { rounds: { [backend]: rounds }, notes };
    } finally {
      await server.stop();
    }
  } finally {
    await entra.close();
  }
};
