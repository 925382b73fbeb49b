import Fastify, { type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { $ZodType } from 'zod/v4/core';
import type { Database } from '../../bot/src/data/database';
import { catalogRoutes } from '../../bot/src/http/routes/catalog-routes';
import { collectionRoutes } from '../../bot/src/http/routes/collection-routes';
import { dashboardRoutes } from '../../bot/src/http/routes/dashboard-routes';
import { devRoutes } from '../../bot/src/http/routes/dev-routes';
import { meRoutes } from '../../bot/src/http/routes/me-routes';
import { priorityProjectsRoutes } from '../../bot/src/http/routes/priority-projects-routes';
import { proposalsRoutes } from '../../bot/src/http/routes/proposals-routes';
import { roleAdminRoutes } from '../../bot/src/http/routes/role-admin-routes';
import type { Authenticator } from '../../bot/src/http/plugins/auth';

/** JSON routes of the tab API that answer with something other than JSON. */
const notJson = new Set([
  'GET /api/proposals/export.csv',
  'GET /api/collection/:fiscalYear.xlsx',
  // Streamed JSON (a year of proposals is never one string): parsed with CollectionDtoSchema in
  // tests/integration/collection.int.test.ts.
  'GET /api/collection/:fiscalYear',
]);

/** Every route of the tab API's plugins, as registered (nothing is called: no database needed). */
const tabApiRoutes = async (): Promise<RouteOptions[]> => {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD') routes.push(route);
  });
  const db = {} as Database;
  await app.register(devRoutes, { db, authenticator: {} as Authenticator });
  await app.register(meRoutes, { db });
  await app.register(catalogRoutes, { db });
  await app.register(proposalsRoutes, { db });
  await app.register(dashboardRoutes, { db });
  await app.register(collectionRoutes, { db });
  await app.register(priorityProjectsRoutes, { db });
  await app.register(roleAdminRoutes, { db });
  await app.ready();
  await app.close();
  return routes;
};

describe('the tab API declares its answers', () => {
  it('gives every JSON route a zod response schema for its success status', async () => {
    const routes = await tabApiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes
      .map((route) => ({ key: `${String(route.method)} ${route.url}`, response: route.schema?.response }))
      .filter(({ key }) => !notJson.has(key))
      .filter(({ response }) => {
        const schemas = Object.values((response ?? {}) as Record<string, unknown>);
        return schemas.length === 0 || !schemas.every((schema) => schema instanceof $ZodType);
      })
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });
});
