import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../bot/src/data/database';
import { statusChangedCard } from '../../bot/src/cards/index';
import { createWorkerRuntime } from '../../bot/src/jobs/worker-runtime';
import { isSend, startBotFrameworkStub, type BotFrameworkStub } from '../../tests/helpers/bot-framework-stub';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { createBenchDatabase, type Backend, type BenchDatabase } from '../lib/databases';
import { sleep, startProcess } from '../lib/processes';
import { round } from '../lib/stats';
import { fixtureBotAppId, fixtureTenantId, unlimitedUserActionsEnv } from '../lib/teams-traffic';

/**
 * Scenario 4: 10,000 status-change notifications to 10,000 users (each with the app installed), queued
 * through the product's outbox, then delivered by the server's in-process worker to a Bot Connector
 * stub that enforces Teams' limits: 429 + Retry-After past 30 requests/s per tenant or 7 messages/s
 * per conversation (sliding one-second windows).
 *
 * Time is compressed so the scenario fits in a minute: the stub's limits and the worker's pacing are
 * both multiplied by `timeScale` (10: 300/s per tenant, 70/s per conversation; worker 250/s + burst 30
 * with the default 25/s + 3). The budget is a ratio — sustained rate ÷ allowed rate, share of 429s —
 * which the scaling keeps; `--notification-scale 1` measures at Teams' real limits (about six minutes).
 */
const recipients = 10_000;
const teamsTenantLimit = 30;
const teamsConversationLimit = 7;

export const runNotifications = async (context: BenchContext, backend: Backend): Promise<ScenarioResult> => {
  const timeScale = Number(process.env.BENCH_NOTIFICATION_SCALE ?? 10);
  const count = context.quick ? 2_000 : recipients;
  const allowedPerSecond = teamsTenantLimit * timeScale;
  const stub = await startBotFrameworkStub({
    rateLimits: {
      perTenantPerSecond: allowedPerSecond,
      perConversationPerSecond: teamsConversationLimit * timeScale,
    },
  });
  const database = await createBenchDatabase(backend, 'notify');
  const notes: string[] = [];
  const rounds: Record<string, number>[] = [];
  try {
    const serviceUrl = stub.serviceUrlFor(fixtureTenantId);
    const setup = await database.open();
    try {
      await setup.db.execute(sql`
        insert into users (aad_object_id, tenant_id, display_name)
        select 'cccccccc-0000-4000-8000-' || lpad(n::text, 12, '0'), ${fixtureTenantId}, '職員 ' || n
        from generate_series(1, ${count}) n`);
      await setup.db.execute(sql`
        insert into conversation_references (conversation_id, conversation_type, tenant_id, user_id, service_url, reference)
        select 'a:notify-' || u.aad_object_id, 'personal', ${fixtureTenantId}, u.id, ${serviceUrl},
               jsonb_build_object(
                 'channelId', 'msteams', 'serviceUrl', ${serviceUrl}::text, 'locale', 'ja-JP',
                 'bot', jsonb_build_object('id', ${`28:${fixtureBotAppId}`}::text, 'name', '職員提案'),
                 'user', jsonb_build_object('id', '29:' || u.aad_object_id, 'aadObjectId', u.aad_object_id),
                 'conversation', jsonb_build_object('id', 'a:notify-' || u.aad_object_id,
                   'conversationType', 'personal', 'tenantId', ${fixtureTenantId}::text))
        from users u where u.aad_object_id like 'cccccccc-%'`);
    } finally {
      await setup.close();
    }
    for (let index = 0; index < context.rounds; index += 1) {
      rounds.push(
        await deliverRound(context, backend, database, stub, {
          count,
          timeScale,
          allowedPerSecond,
          round: index + 1,
          notes,
        }),
      );
    }
    notes.push(
      `${backend}: time scale ×${timeScale} (stub: ${allowedPerSecond}/s per tenant, ` +
        `${teamsConversationLimit * timeScale}/s per conversation; worker pacing: the product's defaults × ${timeScale})`,
    );
    return { rounds: { [backend]: rounds }, notes };
  } finally {
    await database.drop();
    await stub.close();
  }
};

const silentJobLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Queues `count` notifications (new dedupe keys each round), then lets the server's worker drain them. */
const deliverRound = async (
  context: BenchContext,
  backend: Backend,
  database: BenchDatabase,
  stub: BotFrameworkStub,
  options: { count: number; timeScale: number; allowedPerSecond: number; round: number; notes: string[] },
): Promise<Record<string, number>> => {
  const { count, timeScale, allowedPerSecond } = options;
  const setup = await database.open();
  const queueStarted = performance.now();
  try {
    // Queued through the product's outbox (a delivery row and a pg-boss job each), as a triage does.
    const runtime = createWorkerRuntime({ database: setup, runWorker: false });
    await runtime.start(silentJobLogger);
    const users = await queryRows<{ id: string; n: number }>(
      setup.db,
      sql`select id, row_number() over (order by aad_object_id)::int as n from users where aad_object_id like 'cccccccc-%'`,
    );
    for (let start = 0; start < users.length; start += 500) {
      await setup.db.transaction(async (tx) => {
        const batch = users.slice(start, start + 500).map((user) => {
          const number = `R7-${String(user.n).padStart(5, '0')}`;
          return {
            userId: user.id,
            dedupeKey: `proposal-status:bench-${options.round}-${user.n}`,
            message: {
              summary: `提案 ${number} の状況が「検討中」になりました`,
              card: statusChangedCard({
                number,
                title: `ベンチマークの提案 ${user.n}`,
                previousStatusLabel: '受付',
                statusLabel: '検討中',
                answer: '所管課で検討を始めました。',
              }),
            },
          };
        });
        await runtime.notifications.enqueueToUsers(tx, batch);
      });
    }
    await runtime.stop();
  } finally {
    await setup.close();
  }
  const queueSeconds = round((performance.now() - queueStarted) / 1000, 0);
  stub.reset();

  const { server } = await startProcess({
    script: 'bench/servers/app-server.ts',
    env: {
      ...database.env,
      BOT_APP_ID: fixtureBotAppId,
      BOT_TENANT_ID: fixtureTenantId,
      BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
      BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
      ...unlimitedUserActionsEnv,
      LOG_LEVEL: 'warn',
      BENCH_RATE_SCALE: String(timeScale),
    },
    logFile: join(context.logsDir, `app-notifications-${backend}.log`),
  });
  const deadline = performance.now() + 60_000;
  const delivered = () =>
    stub.requests.filter((r) => isSend(r.operation) && r.status >= 200 && r.status < 300).length;
  try {
    while (delivered() < count && performance.now() < deadline) await sleep(250);
    await sleep(1_000); // anything still in flight, and any duplicate, lands now
  } finally {
    await server.stop();
  }

  // A notification is a send to the conversation or, with the product's idempotency id, a reply to it.
  const sends = stub.requests.filter((r) => isSend(r.operation));
  const ok = sends.filter((r) => r.status >= 200 && r.status < 300);
  const throttled = sends.filter((r) => r.status === 429).length;
  const perConversation = new Map<string, number>();
  for (const send of ok)
    perConversation.set(send.conversationId!, (perConversation.get(send.conversationId!) ?? 0) + 1);
  const duplicates = [...perConversation.values()].filter((n) => n > 1).length;
  const missing = count - perConversation.size;
  const first = ok[0]?.at ?? 0;
  const last = ok.at(-1)?.at ?? 0;
  const ratePerSecond = ok.length > 1 ? ((ok.length - 1) * 1000) / (last - first) : 0;

  const check = await database.open();
  let sentRows = 0;
  try {
    const [row] = await queryRows<{ n: number }>(
      check.db,
      sql`select count(*)::int as n from notification_deliveries
          where status = 'sent' and dedupe_key like ${`proposal-status:bench-${options.round}-%`}`,
    );
    sentRows = row!.n;
  } finally {
    await check.close();
  }
  const figures = {
    notifications: count,
    delivered: perConversation.size,
    duplicates,
    missing,
    notExactlyOnce: duplicates + missing,
    markedSent: sentRows,
    sendAttempts: sends.length,
    throttled429: throttled,
    share429Pct: round((throttled / Math.max(1, sends.length)) * 100, 2),
    sustainedPerSecond: round(ratePerSecond, 1),
    allowedPerSecond,
    rateToAllowed: round(ratePerSecond / allowedPerSecond, 3),
    drainSeconds: round((last - first) / 1000, 1),
    queueSeconds,
  };
  context.log(
    `  ${backend} round ${options.round}: ${figures.delivered}/${count} delivered in ${figures.drainSeconds} s, ` +
      `${figures.sustainedPerSecond}/s = ${figures.rateToAllowed} of allowed, ${figures.share429Pct}% 429, ` +
      `${duplicates} duplicated, ${missing} missing (queued in ${queueSeconds} s)`,
  );
  return figures;
};
