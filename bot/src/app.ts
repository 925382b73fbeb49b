import { randomUUID } from 'node:crypto';
import { fromProjectRoot } from './project-paths';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { deepLinkAppId, type Config } from './config';
import type { DatabaseHandle } from './data/database';
import type { GraphServices } from './graph/graph-services';
import { authPlugin, createAuthenticator } from './http/plugins/auth';
import { errorHandlerPlugin, frameworkErrorHandler } from './http/plugins/error-handler';
import { securityPlugin } from './http/plugins/security';
import { answerTemplateRoutes } from './http/routes/answer-template-routes';
import { catalogRoutes } from './http/routes/catalog-routes';
import { adoptionRoutes } from './http/routes/adoption-routes';
import { engagementRoutes } from './http/routes/engagement-routes';
import { commentRoutes } from './http/routes/comment-routes';
import { collectionRoutes } from './http/routes/collection-routes';
import { dashboardRoutes } from './http/routes/dashboard-routes';
import { devRoutes } from './http/routes/dev-routes';
import { healthRoutes } from './http/routes/health';
import { legalRoutes } from './http/routes/legal-routes';
import { masterDataRoutes } from './http/routes/master-data-routes';
import { meRoutes } from './http/routes/me-routes';
import { priorityProjectsRoutes } from './http/routes/priority-projects-routes';
import { proposalsRoutes } from './http/routes/proposals-routes';
import { orgRoutes } from './http/routes/org-routes';
import { roleAdminRoutes } from './http/routes/role-admin-routes';
import { tabRoutes } from './http/routes/tab-routes';
import type { NotificationPort } from './notifications/notification-port';
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
  /** Where the built tab is (default: tab/dist of this checkout). */
  tabDistDir?: string;
  /**
   * Microsoft Graph (createGraphServices): divisions on the user's behalf in GET /api/me, and office
   * groups of tokens in groups overage. Without it neither happens.
   */
  graph?: GraphServices;
  /** The clock where "today" decides what is shown (the default fiscal year); tests set the date. */
  now?: () => Date;
}

const defaultTabDistDir = fromProjectRoot('tab', 'dist');

/** What a request's log lines say about it: no query string, no headers, no body. */
const requestLogFields = (request: { method: string; url: string; ip?: string; id?: unknown }) => ({
  method: request.method,
  path: request.url.split('?')[0],
  remoteAddress: request.ip,
});

/** A hop count as Fastify's own runtime reads it (its types know only functions, strings and booleans). */
const trustProxyOption = (value: Config['trustProxy']) =>
  typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;

/** Builds the server without listening, so tests drive it with `inject`. Keeps no state between requests. */
export const buildApp = async ({
  config,
  database,
  teams,
  notifications,
  tabDistDir = defaultTabDistDir,
  graph,
  now = () => new Date(),
}: AppDependencies): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Method and path only: query strings carry search terms and admins' searches by name or
      // e-mail, headers carry tokens. docs/operations.md lists what is logged.
      serializers: { req: requestLogFields },
    },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    // One line per request, when it is answered (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(config.trustProxy),
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { req: request, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin, {
    rateLimitPerMinute: config.rateLimitPerMinute,
    rateLimitPerUserPerMinute: config.rateLimitPerUserPerMinute,
  });
  await app.register(healthRoutes, { checkReady: database.checkReady });
  await app.register(legalRoutes);
  if (teams) await teams.runtime.registerRoute(app, teams.handler);

  // The tab API: every /api/* route except /api/messages and /api/dev/* needs a signed-in actor.
  const db = database.db;
  const authenticator = createAuthenticator(config.auth, db, { groups: graph?.directory, log: app.log });
  await app.register(authPlugin, { authenticator });
  if (config.auth.mode === 'development') await app.register(devRoutes, { db, authenticator });
  const effects = notifications
    ? { notifications, links: { teamsAppId: deepLinkAppId(config), publicUrl: config.publicUrl } }
    : undefined;
  await app.register(meRoutes, { db, onBehalfOf: graph?.onBehalfOf });
  await app.register(catalogRoutes, { db, now });
  await app.register(answerTemplateRoutes, { db });
  await app.register(proposalsRoutes, { db, effects });
  await app.register(engagementRoutes, { db });
  await app.register(commentRoutes, { db, effects, limits: config.limits, now });
  await app.register(dashboardRoutes, { db, now });
  await app.register(adoptionRoutes, { db, effects, now });
  await app.register(collectionRoutes, { db, now });
  await app.register(priorityProjectsRoutes, { db, now, effects });
  await app.register(roleAdminRoutes, { db });
  await app.register(masterDataRoutes, { db });
  await app.register(orgRoutes, { db, directory: graph?.directory });

  await app.register(tabRoutes, {
    distDir: tabDistDir,
    clientConfig: {
      authMode: config.auth.mode,
      clientId: config.auth.clientId,
      tenantId: config.auth.tenantId,
      botAppId: config.bot.appId,
      teamsAppId: deepLinkAppId(config),
    },
  });

  return app;
};
