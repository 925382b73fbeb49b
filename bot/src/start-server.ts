import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './data/database';
import { limitHeapGrowth } from './heap-growth';
import { createServer, type ServerOverrides } from './server';
import { seedBaseData } from './services/seed/seed-base-data';

/**
 * The server process's start-up (`npm start`, and the fault tests' and the bench's server entries,
 * which differ only in `overrides`): open the database (embedded PGlite unless DATABASE_URL is set),
 * apply migrations, load the base data (priority projects, stamp kinds; idempotent), then serve the
 * bot endpoint with the notification worker in the same process (unless WORKER_IN_PROCESS=false),
 * shutting down gracefully on SIGTERM / SIGINT.
 */
export const startServer = async (
  config: Config,
  overrides: ServerOverrides = {},
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> => {
  limitHeapGrowth();
  // Idle connections die when PostgreSQL restarts; log it (the pool reconnects by itself).
  let logPoolError = (error: Error) => console.warn('database connection lost:', error.message);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    onPoolError: (error) => logPoolError(error),
  });
  await database.migrate();
  await seedBaseData(database.db);
  const { app } = await createServer(config, database, overrides);
  logPoolError = (error) => app.log.warn({ reason: error.message }, 'database connection lost');

  // Stop accepting, let in-flight requests finish, stop the worker (jobs in hand finish or go back to
  // the queue), then close the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  for (const mode of config.insecureModes) {
    app.log.warn(
      { host: config.host },
      `insecure mode: ${mode}; for development only, never reachable from other machines`,
    );
  }
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'ready',
  );
  return { app, database };
};
