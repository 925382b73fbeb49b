import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './data/database';
import { createServer } from './server';
import { seedBaseData } from './services/seed-service';

/**
 * `npm start`: parse config, open the database (embedded PGlite unless DATABASE_URL is set), apply
 * migrations, load the base data (priority projects, stamp kinds; idempotent), then serve the bot
 * endpoint with the notification worker in the same process (unless WORKER_IN_PROCESS=false).
 */
const main = async () => {
  const config = loadConfig();
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
  const { app } = await createServer(config, database);
  logPoolError = (error) => app.log.warn({ reason: error.message }, 'database connection lost');

  // SIGTERM / SIGINT: stop accepting, let in-flight requests finish, stop the worker (jobs in hand
  // finish or go back to the queue), then close the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'ready',
  );
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
