import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Config } from '../../bot/src/config';
import type { Database } from '../../bot/src/data/database';
import type { WorkerRuntime } from '../../bot/src/jobs/worker-runtime';
import { createServer, type ServerOverrides } from '../../bot/src/server';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';
import { startBotFrameworkStub, type BotFrameworkStub } from './bot-framework-stub';
import { fixtureBotAppId, fixtureTenantId, outgoingTestToken } from './teams-http';
import { testConfig, type DatabaseReset } from './test-context';
import { getTestDatabase, resetDatabase } from './test-database';

/** The worker as most bot tests run it: quick polling, short retries, no pending sweep. */
const defaultWorker: NonNullable<ServerOverrides['worker']> = {
  consumer: { concurrency: 10, pollIntervalMs: 50, stopTimeoutMs: 1_000 },
  retryPolicy: { retryLimit: 2, retryDelaySeconds: 1 },
  pendingSweepIntervalMs: 0,
};

/**
 * For an integration test file that drives the bot: a local Bot Connector stub and the whole server
 * (app and in-process worker) on the test database trusting it, started once per file and closed
 * after it; before each test (or once: `reset`), an emptied database with the base data (unless
 * `seed` is false) and a stub that has forgotten what it recorded and was scripted to do.
 *
 * - `config`: added to (or, with '' for unset, taken from) the bot's configuration — the stub's
 *   keys, TEAMS_APP_ID 'teams-app-1' and PUBLIC_URL 'https://proposals.example.jp'; a function is
 *   called in the file's beforeAll, after hooks registered before this call (another stub's env).
 * - `worker`: replaces keys of the worker tuning above (`clock`, a `consumer` of its own, …).
 * - `overrides`: further server overrides (a Graph stub), made from the final configuration.
 *
 * `server.app`, `.stub`, `.jobs` and `.db` are valid inside tests and hooks.
 */
export const useBotServer = (
  options: {
    config?: Record<string, string> | (() => Record<string, string>);
    worker?: NonNullable<ServerOverrides['worker']>;
    overrides?: (config: Config) => Omit<ServerOverrides, 'teams' | 'worker'>;
    seed?: boolean;
    reset?: DatabaseReset;
  } = {},
) => {
  let stub: BotFrameworkStub | undefined;
  let app: FastifyInstance | undefined;
  let jobs: WorkerRuntime | undefined;
  let db: Database | undefined;

  beforeAll(async () => {
    stub = await startBotFrameworkStub();
    const extra = typeof options.config === 'function' ? options.config() : (options.config ?? {});
    const config = testConfig({
      BOT_APP_ID: fixtureBotAppId,
      BOT_TENANT_ID: fixtureTenantId,
      BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
      BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
      TEAMS_APP_ID: 'teams-app-1',
      PUBLIC_URL: 'https://proposals.example.jp',
      ...extra,
    });
    ({ app, jobs } = await createServer(config, await getTestDatabase(), {
      ...options.overrides?.(config),
      teams: { credentialsFactory: new FixedTokenCredentialsFactory(fixtureBotAppId, outgoingTestToken) },
      worker: { ...defaultWorker, ...options.worker },
    }));
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });
  (options.reset === 'once' ? beforeAll : beforeEach)(async () => {
    const database = await getTestDatabase();
    db = database.db;
    await resetDatabase(database);
    if (options.seed !== false) await seedBaseData(db);
    stub!.reset();
  });

  return {
    get app(): FastifyInstance {
      return app!;
    },
    get stub(): BotFrameworkStub {
      return stub!;
    },
    get jobs(): WorkerRuntime {
      return jobs!;
    },
    get db(): Database {
      return db!;
    },
  };
};
