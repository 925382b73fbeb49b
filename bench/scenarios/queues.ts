import { join } from 'node:path';
import { proposalQueueKeys } from '#shared';
import { startEntraStub, type EntraStub } from '../../tests/helpers/entra-token';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { largeBenchDatabase, type Backend } from '../lib/databases';
import { openLoop, type RequestSpec } from '../lib/load';
import { startProcess } from '../lib/processes';

/**
 * The work queues on the large database (100,000 proposals; see large-dataset.ts, shared with
 * scenario 3): each queue's first page (`GET /api/proposals?queue=…`, pageSize 20) in turn at
 * 10 requests/s, open loop — the office's queues as the office, 自分の課 and 所管課の回答待ち also as
 * a liaison of one division (made so through 権限管理 before the run) — and the counts
 * (`GET /api/proposals/queues`, one count per queue, the office's) at 5 requests/s. Every count, the
 * office's and the liaison's, is checked to equal its list's total.
 */
const fetchJson = async <T>(
  url: string,
  headers: Record<string, string>,
  init: RequestInit = {},
): Promise<T> => {
  const response = await fetch(url, { ...init, headers: { ...headers, 'content-type': 'application/json' } });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** A staff member made the liaison of the first division through 権限管理 (an admin's request). */
const benchLiaison = async (
  url: string,
  entra: EntraStub,
  officeHeaders: Record<string, string>,
): Promise<Record<string, string>> => {
  const sign = (oid: string, name: string, roles: string[]) => entra.sign({ oid, name, roles });
  const admin = {
    authorization: `Bearer ${await sign('aaaaaaaa-0000-4000-8000-0000000admin', '管理者 ベンチ', ['Admin'])}`,
  };
  const liaison = {
    authorization: `Bearer ${await sign('aaaaaaaa-0000-4000-8000-00000liaison', '所管課 ベンチ', [])}`,
  };
  const { id } = await fetchJson<{ id: string }>(`${url}/api/me`, liaison);
  const { items } = await fetchJson<{ items: { id: string }[] }>(`${url}/api/divisions`, officeHeaders);
  await fetchJson(`${url}/api/admin/users/${id}/liaison-divisions`, admin, {
    method: 'PUT',
    body: JSON.stringify({ divisionIds: [items[0]!.id] }),
  });
  return liaison;
};

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
      const liaisonHeaders = await benchLiaison(server.url, entra, headers);
      let counts: Record<string, number> = {};
      const lists = [
        ...proposalQueueKeys.filter((key) => key !== 'my_division').map((key) => ({ key, headers })),
        { key: 'my_division', headers: liaisonHeaders },
        { key: 'awaiting_division', headers: liaisonHeaders },
      ];
      const list = (index: number): RequestSpec => ({
        method: 'GET',
        path: `/api/proposals?queue=${lists[index % lists.length]!.key}&pageSize=20`,
        headers: lists[index % lists.length]!.headers,
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
        const listRun = await openLoop({
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
        for (const [who, whoHeaders] of [
          ['office', headers],
          ['liaison', liaisonHeaders],
        ] as const) {
          const whoCounts = await fetchJson<{ items: { key: string; count: number }[] }>(
            `${server.url}/api/proposals/queues`,
            whoHeaders,
          );
          for (const { key, count } of whoCounts.items) {
            const { total } = await fetchJson<{ total: number }>(
              `${server.url}/api/proposals?queue=${key}&pageSize=1`,
              whoHeaders,
            );
            if (total !== count) {
              mismatches += 1;
              notes.push(`${backend}: ${who} ${key} count ${count} ≠ list total ${total}`);
            }
          }
        }
        const figures = {
          queueListP50Ms: listRun.p50Ms,
          queueListP95Ms: listRun.p95Ms,
          queueListP99Ms: listRun.p99Ms,
          queueCountsP95Ms: countRun.p95Ms,
          queueErrors: listRun.errors + countRun.errors,
          queueCountMismatches: mismatches,
        };
        rounds.push(figures);
        for (const run of [listRun, countRun])
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
