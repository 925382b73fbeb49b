import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DatabaseHandle } from './data/database';
import { errorHandlerPlugin } from './http/plugins/error-handler';
import { securityPlugin } from './http/plugins/security';
import { healthRoutes } from './http/routes/health';
import type { TeamsRuntime, TurnHandler } from './teams/teams-runtime';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  /** The bot endpoint (`POST /api/messages`): registered when given. */
  teams?: { runtime: TeamsRuntime; handler: TurnHandler };
}

/** Builds the server without listening, so tests drive it with `inject`. Keeps no state between requests. */
export const buildApp = async ({ config, database, teams }: AppDependencies): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdLogLabel: 'requestId',
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

  return app;
};
