import type { FastifyInstance } from 'fastify';
import { afterAll, beforeEach } from 'vitest';
import type { Actor, Role } from '#shared';
import { buildApp } from '../../bot/src/app';
import { loadConfig, type Config } from '../../bot/src/config';
import type { Database, DatabaseHandle } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import {
  setUserRoles,
  updateUserDivision,
  upsertUserByIdentity,
} from '../../bot/src/data/repositories/users-repository';
import { getTestDatabase, resetDatabase } from './test-database';

export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });

/**
 * For an integration test file: the worker's database, emptied before each test.
 * `ctx.db` / `ctx.database` are valid inside tests and hooks.
 */
export const useTestDatabase = () => {
  const ctx = {} as { database: DatabaseHandle; db: Database };
  beforeEach(async () => {
    ctx.database = await getTestDatabase();
    ctx.db = ctx.database.db;
    await resetDatabase(ctx.database);
  });
  return ctx;
};

/** Builds the HTTP app on a database; closes it after the file. */
export const createTestApp = async (database: DatabaseHandle, env: Record<string, string> = {}) => {
  const app: FastifyInstance = await buildApp({ config: testConfig(env), database });
  afterAll(() => app.close());
  return app;
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
