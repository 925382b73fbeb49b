import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startBotFrameworkStub } from '../tests/helpers/bot-framework-stub';
import { createFaultStorage } from '../tests/helpers/fault-storage';
import { killAll, startServerProcess, type ServerProcess } from '../tests/helpers/server-process';
import { activityFrom, fixtureBotAppId, fixtureTenantId, teamsPerson } from '../tests/helpers/teams-http';

/**
 * `npm run bench:front-door`: what hostile traffic costs the bot endpoint (issue 14), on a real
 * server process over loopback. Per kind of bad request: the median and p95 time to the refusal
 * (sequential requests, so each is measured alone). Then a flood of 2,000 mixed bad requests with the
 * per-address failure limit lifted (every request reaches the checks): the process's RSS and log
 * growth; and the same flood with the default limit (30 failures per address and minute).
 * Results are printed as JSON; docs/reliability.md ("Hostile traffic") records them.
 */
const rounds = Number(process.env.BENCH_FRONT_DOOR_ROUNDS ?? 200);

const rssOf = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const main = async () => {
  const stub = await startBotFrameworkStub();
  const storage = await createFaultStorage('front-door-bench');
  const start = (env: Record<string, string>) =>
    startServerProcess({
      env: {
        ...storage.env,
        BOT_APP_ID: fixtureBotAppId,
        BOT_TENANT_ID: fixtureTenantId,
        BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
        BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
        RATE_LIMIT_PER_MINUTE: '100000000',
        LOG_LEVEL: 'info',
        ...env,
      },
    });
  const body = JSON.stringify(
    activityFrom(teamsPerson(71, '山口 太郎'), 'message-personal', {
      serviceUrl: stub.serviceUrl,
      id: 'bench-1',
      text: '提案',
    }),
  );
  const base = { appId: fixtureBotAppId, serviceUrl: stub.serviceUrl };
  const bomb = await stub.signBotToken({
    ...base,
    claims: Object.fromEntries(Array.from({ length: 1250 }, (_, i) => [i.toString(36), 0])),
  });
  const forged = await stub.signBotToken({ ...base, forgery: 'signedByOtherKey' });
  let tenant = 0;
  const emulator = () =>
    stub.signBotToken({
      ...base,
      issuer: `https://sts.windows.net/${(tenant += 1).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000/`,
      claims: { appid: fixtureBotAppId, ver: '1.0' },
    });
  const kinds: Record<string, () => Promise<string | undefined>> = {
    'no token': async () => undefined,
    'claims bomb (1,250 claims, 12 KB header)': async () => `Bearer ${bomb}`,
    'emulator-shaped, a new tenant each': async () => `Bearer ${await emulator()}`,
    'forged signature (trusted key id)': async () => `Bearer ${forged}`,
  };
  const send = async (server: ServerProcess, authorization: string | undefined) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };

  const results: Record<string, unknown> = {
    machine: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
  const open = await start({ BOT_AUTH_FAILURES_PER_MINUTE: '100000000' });
  try {
    const latency: Record<string, unknown> = {};
    for (const [kind, authorization] of Object.entries(kinds)) {
      const times: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < rounds; i += 1) {
        const { status, ms } = await send(open, await authorization());
        statuses.add(status);
        if (i >= 10) times.push(ms);
      }
      latency[kind] = {
        statuses: [...statuses],
        medianMs: Number(percentile(times, 50).toFixed(2)),
        p95Ms: Number(percentile(times, 95).toFixed(2)),
      };
    }
    results.refusalLatency = latency;

    const flood = async (server: ServerProcess, count: number) => {
      const statuses: Record<number, number> = {};
      const makers = Object.values(kinds);
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < count) {
            const { status } = await send(server, await makers[(next += 1) % makers.length]!());
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      );
      return statuses;
    };
    const rssBefore = rssOf(open.pid);
    const logBefore = open.output().length;
    const statuses = await flood(open, 2000);
    results.floodWithoutLimit = {
      statuses,
      rssGrowthMB: Number(((rssOf(open.pid) - rssBefore) / 1024 / 1024).toFixed(1)),
      logGrowthKB: Math.round((open.output().length - logBefore) / 1024),
    };
  } finally {
    await open.stop();
  }
  const limited = await start({});
  try {
    const logBefore = limited.output().length;
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 2000; i += 1) {
      const { status } = await send(limited, i % 2 === 0 ? undefined : `Bearer ${forged}`);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    results.floodWithDefaultLimit = {
      statuses,
      logGrowthKB: Math.round((limited.output().length - logBefore) / 1024),
    };
  } finally {
    await limited.stop();
  }
  console.log(JSON.stringify(results, null, 2));
  await killAll();
  await stub.close();
  storage.remove();
};

main().catch(async (error: unknown) => {
  console.error(error);
  await killAll();
  process.exit(1);
});
