import closeWithGrace from 'close-with-grace';
import { ConfigError, deepLinkAppId, loadConfig } from './config';
import { openDatabase } from './data/database';
import { limitHeapGrowth } from './heap-growth';
import { createGraphServices } from './graph/graph-services';
import { createJsonLogger } from './jobs/job-logger';
import { startWorkerRuntime, type WorkerRuntime } from './jobs/worker-runtime';
import { runDirectorySync } from './services/organisation/directory-sync';
import { createTeamsRuntime } from './teams/teams-runtime';

/**
 * `npm run worker`: the notification worker as its own process, next to web processes started with
 * WORKER_IN_PROCESS=false. PostgreSQL only: the embedded database belongs to a single process, so
 * with it the worker runs inside `npm start`. Migrations are the web process's job (or `npm run
 * db:migrate`); the worker refuses to start on a schema that is behind.
 */
const main = async () => {
  limitHeapGrowth();
  const config = loadConfig();
  const logger = createJsonLogger(config.logLevel);
  if (!config.databaseUrl) {
    throw new ConfigError(
      'npm run worker needs DATABASE_URL; with the embedded database the worker runs inside npm start (WORKER_IN_PROCESS=true)',
    );
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    onPoolError: (error) => logger.warn({ reason: error.message }, 'database connection lost'),
  });
  await database.checkReady().catch(async (error: unknown) => {
    await database.close();
    const reason = error instanceof Error && /behind/.test(error.message) ? error.message : 'schema missing';
    throw new ConfigError(
      `Database not ready (${reason}): apply migrations with npm run db:migrate or npm start`,
    );
  });
  const teams = createTeamsRuntime(config.bot, { logger });
  const directory = createGraphServices(config).directory;
  const links = { teamsAppId: deepLinkAppId(config), publicUrl: config.publicUrl };
  const runtime: WorkerRuntime = await startWorkerRuntime({
    database,
    logger,
    runWorker: true,
    sender: teams.sender,
    links,
    directorySync: directory ? () => runDirectorySync(database.db, directory) : undefined,
  });

  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) logger.error({ reason: err.message }, 'worker shutting down after an error');
    else logger.info({ signal }, 'worker shutting down');
    await runtime.stop();
    await database.close();
  });
  logger.info({ database: database.kind }, 'worker ready');
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
