import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DatabaseHandle } from './data/database';
import { authPlugin, createAuthenticator } from './http/plugins/auth';
import { errorHandlerPlugin } from './http/plugins/error-handler';
import { securityPlugin } from './http/plugins/security';
import { catalogRoutes } from './http/routes/catalog-routes';
import { dashboardRoutes } from './http/routes/dashboard-routes';
import { devRoutes } from './http/routes/dev-routes';
import { healthRoutes } from './http/routes/health';
import { meRoutes } from './http/routes/me-routes';
import { priorityProjectsRoutes } from './http/routes/priority-projects-routes';
import { proposalsRoutes } from './http/routes/proposals-routes';
import type { NotificationPort } from './services/notification-port';
import type { TeamsRuntime, TurnHandler } from './teams/teams-runtime';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  /** The bot endpoint (`POST /api/messages`): registered when given. */
  teams?: { runtime: TeamsRuntime; handler: TurnHandler };
  /**
   * Where the tab API's changes queue the proposers' notifications (the job queue). Without it the
   * API still works but notifies nobody (tests of other parts).
   */
  notifications?: NotificationPort;
}

/** Builds the server without listening, so tests drive it with `inject`. Keeps no state between requests. */
export const buildApp = async ({
  config,
  database,
  teams,
  notifications,
}: AppDependencies): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin, { rateLimitPerMinute: config.rateLimitPerMinute });
  await app.register(healthRoutes, { checkReady: database.checkReady });
  if (teams) await teams.runtime.registerRoute(app, teams.handler);

  // The tab API: every /api/* route except /api/messages and /api/dev/* needs a signed-in actor.
  const db = database.db;
  const authenticator = createAuthenticator(config.auth, db);
  await app.register(authPlugin, { authenticator });
  if (config.auth.mode === 'development') await app.register(devRoutes, { db, authenticator });
  const effects = notifications
    ? { notifications, links: { teamsAppId: config.teamsAppId, publicUrl: config.publicUrl } }
    : undefined;
  await app.register(meRoutes, { db });
  await app.register(catalogRoutes, { db });
  await app.register(proposalsRoutes, { db, effects });
  await app.register(dashboardRoutes, { db });
  await app.register(priorityProjectsRoutes, { db });

  return app;
};
