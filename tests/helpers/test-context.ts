import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Actor, Role } from '#shared';
import { buildApp } from '../../bot/src/app';
import { loadConfig, type Config } from '../../bot/src/config';
import type { Database, DatabaseHandle } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { updateUserDivision } from '../../bot/src/data/repositories/user-divisions-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { upsertUserByIdentity } from '../../bot/src/data/repositories/users-repository';
import { silentLogger } from '../../bot/src/jobs/job-logger';
import {
  startWorkerRuntime,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from '../../bot/src/jobs/worker-runtime';
import type { NotificationPort } from '../../bot/src/notifications/notification-port';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { bearer, startEntraStub, type EntraPerson, type EntraStub } from './entra-token';
import { getTestDatabase, resetDatabase } from './test-database';

export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });

/**
 * How often a describe block gets an emptied database: before each test (the default), or `once`
 * before its first test, for a sequence of tests that build on one another's state (a table of
 * rows over one fixture, as the original single test did).
 */
export type DatabaseReset = 'each' | 'once';

/**
 * For an integration test file: the worker's database, emptied before each test (or once: `reset`).
 * `ctx.db` / `ctx.database` are valid inside tests and hooks.
 */
export const useTestDatabase = (reset: DatabaseReset = 'each') => {
  const ctx = {} as { database: DatabaseHandle; db: Database };
  (reset === 'once' ? beforeAll : beforeEach)(async () => {
    ctx.database = await getTestDatabase();
    ctx.db = ctx.database.db;
    await resetDatabase(ctx.database);
  });
  return ctx;
};

/**
 * The real notification queue (outbox rows and pg-boss jobs; no worker, so nothing is sent) on the
 * test database: started at the file's first test, once the database was emptied; stopped after the file.
 * Call it after useTestDatabase (with the same `reset`) and before any hook that writes notifications.
 */
export const useNotificationQueue = (
  ctx: { database: DatabaseHandle },
  reset: DatabaseReset = 'each',
): NotificationPort => {
  let jobs: WorkerRuntime | undefined;
  (reset === 'once' ? beforeAll : beforeEach)(async () => {
    jobs ??= await startWorkerRuntime({ database: ctx.database, runWorker: false, logger: silentLogger });
  });
  afterAll(async () => {
    await jobs?.stop();
  });
  return {
    enqueueToUsers: (tx, notifications) => jobs!.notifications.enqueueToUsers(tx, notifications),
    requeuePending: (tx, userId) => jobs!.notifications.requeuePending(tx, userId),
  };
};

/**
 * The worker on a test database, for its own periodic tasks and schedules: messages go nowhere (every
 * send counts as sent) and the pending sweep is off unless `options` say otherwise. The caller stops it.
 */
export const startTestWorker = (
  database: DatabaseHandle,
  options: Partial<Omit<WorkerRuntimeOptions, 'database'>> = {},
): Promise<WorkerRuntime> =>
  startWorkerRuntime({
    database,
    logger: silentLogger,
    runWorker: true,
    sender: { send: async () => ({ outcome: 'sent' }) } as never,
    pendingSweepIntervalMs: 0,
    ...options,
  });

/** Builds the HTTP app on a database; closes it after the file. */
export const createTestApp = async (database: DatabaseHandle, env: Record<string, string> = {}) => {
  const app: FastifyInstance = await buildApp({ config: testConfig(env), database });
  afterAll(() => app.close());
  return app;
};

/**
 * For an integration test file that drives the API as signed-in people: the app on the test database
 * trusting a local Entra stub (with `env` added to its configuration, and the real notification queue
 * when `notificationQueue` is set), and a token per person (once per file); before each test (or
 * once: `reset`), an emptied database with the base data and each person's user id (their first
 * `GET /api/me` creates it). `call(who, ...)` injects a request with that person's token, or none for
 * 'anonymous'.
 */
export const useSignedInApp = <Who extends string>(
  people: Record<Who, EntraPerson>,
  options: {
    env?: Record<string, string>;
    notificationQueue?: boolean;
    reset?: DatabaseReset;
    /** The server's clock (the default fiscal year follows it). */
    now?: () => Date;
  } = {},
) => {
  const ctx = useTestDatabase(options.reset);
  const notifications = options.notificationQueue ? useNotificationQueue(ctx, options.reset) : undefined;
  const everyone = Object.keys(people) as Who[];
  let entra: EntraStub | undefined;
  let app: FastifyInstance | undefined;
  let tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;

  beforeAll(async () => {
    entra = await startEntraStub();
    app = await buildApp({
      config: testConfig(entra.env(options.env)),
      database: await getTestDatabase(),
      ...(notifications ? { notifications } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    tokens = await entra.signAll(people);
  });
  afterAll(async () => {
    await app?.close();
    await entra?.close();
  });

  const call = (
    who: Who | 'anonymous',
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app!.inject({
      method: method as 'GET',
      url,
      headers: { ...(who === 'anonymous' ? {} : bearer(tokens[who as Who])), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  (options.reset === 'once' ? beforeAll : beforeEach)(async () => {
    await seedBaseData(ctx.db);
    for (const who of everyone) {
      const response = await call(who, 'GET', '/api/me');
      expect(response.statusCode, response.body).toBe(200);
      ids[who] = response.json().id;
    }
  });

  return {
    ctx,
    ids,
    call,
    get app(): FastifyInstance {
      return app!;
    },
  };
};

let userCounter = 0;

/** A user as the bot would create them, with an optional division and roles. */
export const createTestUser = async (
  db: Database,
  options: { name?: string; division?: string; roles?: Role[]; email?: string } = {},
): Promise<Actor & { displayName: string; divisionId: string | null }> => {
  userCounter += 1;
  const user = await upsertUserByIdentity(db, {
    aadObjectId: `00000000-0000-4000-8000-${String(userCounter).padStart(12, '0')}`,
    tenantId: 'tenant-test',
    displayName: options.name ?? `職員 ${userCounter}`,
    email: options.email ?? null,
  });
  let divisionId: string | null = null;
  if (options.division) {
    divisionId = (await ensureDivisions(db, [{ name: options.division }])).get(options.division)!;
    await updateUserDivision(db, user.id, divisionId);
  }
  if (options.roles) await setUserRoles(db, user.id, options.roles);
  return { userId: user.id, roles: options.roles ?? [], displayName: user.displayName, divisionId };
};
