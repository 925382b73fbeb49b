import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../bot/src/data/database';
import { startEntraStub } from '../../tests/helpers/entra-token';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { largeBenchDatabase, type Backend } from '../lib/databases';
import { largeDataset } from '../lib/large-dataset';
import { openLoop, type RequestSpec } from '../lib/load';
import { startProcess } from '../lib/processes';
import { round } from '../lib/stats';

/**
 * Scenario 3: the tab API on the large database (100,000 proposals over five fiscal years, 1,000,000
 * stamps; see large-dataset.ts), as the office's tab calls it with a verified Entra token:
 * - GET /api/dashboard?fiscalYear=2025 at 20 requests/s, open loop;
 * - GET /api/proposals with a status, the largest division, the two-character term 「業務」 and
 *   page=50 (pageSize 20; the page is checked to be full), at 10 requests/s, open loop;
 * - the same dashboard for one division (?divisionId=, a division's channel tab), at 10 requests/s.
 */
export const runDashboard = async (context: BenchContext, backend: Backend): Promise<ScenarioResult> => {
  const phaseSec = context.quick ? 4 : 10;
  const notes: string[] = [];
  const entra = await startEntraStub();
  try {
    // Shared with the tab scenario (both only read it); dropped at the end of the run.
    const { database, seedSeconds } = await largeBenchDatabase(backend);
    const setup = await database.open();
    let divisionId: string;
    try {
      const [largest] = await queryRows<{ id: string; proposals: number }>(
        setup.db,
        sql`select proposer_division_id as id, count(*)::int as proposals from proposals
            group by 1 order by 2 desc limit 1`,
      );
      const [counts] = await queryRows<{ proposals: number; stamps: number }>(
        setup.db,
        sql`select (select count(*)::int from proposals) as proposals, (select count(*)::int from stamps) as stamps`,
      );
      divisionId = largest!.id;
      notes.push(
        `${backend}: ${counts!.proposals} proposals and ${counts!.stamps} stamps loaded in ${Math.round(seedSeconds)} s; ` +
          `list filter: division with ${largest!.proposals} proposals`,
      );
    } finally {
      await setup.close();
    }

    const { server } = await startProcess({
      script: 'bench/servers/app-server.ts',
      env: {
        ...database.env,
        ...entra.env(),
        LOG_LEVEL: 'info',
        // All bench clients share 127.0.0.1 and one token: the per-IP and per-user limits would answer
        // 429 (cheaply) instead of measuring the dashboard and the list.
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
      },
      logFile: join(context.logsDir, `app-dashboard-${backend}.log`),
      ...(context.profile ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${context.logsDir}`] } : {}),
    });
    try {
      const token = await entra.sign({
        oid: 'aaaaaaaa-0000-4000-8000-00000000bench',
        name: '推進室 ベンチ',
        roles: ['Office'],
      });
      const headers = { authorization: `Bearer ${token}` };
      const { fiscalYear } = { fiscalYear: largeDataset.dashboardFiscalYear };
      const { status, term, page, pageSize } = largeDataset.listQuery;
      const dashboard = (): RequestSpec => ({
        method: 'GET',
        path: `/api/dashboard?fiscalYear=${fiscalYear}`,
        headers,
      });
      const divisionDashboard = (): RequestSpec => ({
        method: 'GET',
        path: `/api/dashboard?fiscalYear=${fiscalYear}&divisionId=${divisionId}`,
        headers,
      });
      const list = (): RequestSpec => ({
        method: 'GET',
        path: `/api/proposals?status=${status}&proposerDivisionId=${divisionId}&q=${encodeURIComponent(term)}&page=${page}&pageSize=${pageSize}`,
        headers,
      });
      let listTotal = 0;
      const dashboardCheck = (code: number, body: string) => {
        if (code !== 200) return `${code} ${body.slice(0, 200)}`;
        const parsed = JSON.parse(body) as { statusTable?: { total?: number } };
        return parsed.statusTable?.total ? undefined : `empty dashboard: ${body.slice(0, 200)}`;
      };
      const listCheck = (code: number, body: string) => {
        if (code !== 200) return `${code} ${body.slice(0, 200)}`;
        const parsed = JSON.parse(body) as { items: unknown[]; total: number };
        listTotal = parsed.total;
        return parsed.items.length === pageSize
          ? undefined
          : `page ${page} has ${parsed.items.length} items of ${parsed.total}`;
      };

      // Warm-up: plans cached, JIT warm, the server's JWKS fetched.
      await openLoop({
        url: server.url,
        ratePerSecond: 10,
        durationSec: 2,
        next: dashboard,
        check: dashboardCheck,
      });
      await openLoop({ url: server.url, ratePerSecond: 10, durationSec: 2, next: list, check: listCheck });

      const rounds: Record<string, number>[] = [];
      for (let index = 0; index < context.rounds; index += 1) {
        const dash = await openLoop({
          url: server.url,
          ratePerSecond: 20,
          durationSec: phaseSec,
          next: dashboard,
          check: dashboardCheck,
        });
        const listRun = await openLoop({
          url: server.url,
          ratePerSecond: 10,
          durationSec: phaseSec,
          next: list,
          check: listCheck,
        });
        const division = await openLoop({
          url: server.url,
          ratePerSecond: 10,
          durationSec: Math.max(3, phaseSec / 2),
          next: divisionDashboard,
          check: dashboardCheck,
        });
        for (const [name, run] of Object.entries({ dash, listRun, division })) {
          if (run.errors > 0)
            notes.push(
              `${backend} round ${index + 1} ${name}: ${run.errors} errors, e.g. ${run.errorSamples[0]}`,
            );
        }
        const figures = {
          dashboardP50Ms: dash.p50Ms,
          dashboardP95Ms: dash.p95Ms,
          dashboardP99Ms: dash.p99Ms,
          dashboardErrors: dash.errors,
          listP50Ms: listRun.p50Ms,
          listP95Ms: listRun.p95Ms,
          listP99Ms: listRun.p99Ms,
          listErrors: listRun.errors,
          listTotal,
          divisionDashboardP95Ms: division.p95Ms,
          seedSeconds: round(seedSeconds, 0),
        };
        rounds.push(figures);
        context.log(
          `  ${backend} round ${index + 1}: dashboard p50 ${figures.dashboardP50Ms} / p95 ${figures.dashboardP95Ms} ms, ` +
            `list page ${page} p50 ${figures.listP50Ms} / p95 ${figures.listP95Ms} ms (${listTotal} matches), ` +
            `division dashboard p95 ${figures.divisionDashboardP95Ms} ms`,
        );
      }
      return { rounds: { [backend]: rounds }, notes };
    } finally {
      await server.stop();
    }
  } finally {
    await entra.close();
  }
};
