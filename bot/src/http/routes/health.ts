import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** Throws when the database is unreachable or behind on migrations. */
  checkReady: () => Promise<void>;
}

const readinessTimeoutMs = 2_000;

/** /healthz: the process answers. /readyz: it can serve (database reachable, schema current). */
export const healthRoutes = async (app: FastifyInstance, options: HealthOptions) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        options.checkReady(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Readiness check timed out')), readinessTimeoutMs);
        }),
      ]);
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ reason: (error as Error).message.split('\n')[0] }, 'not ready');
      return reply.status(503).send({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
};
