import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../../bot/src/config';
import { openDatabase } from '../../bot/src/data/database';
import { createServer } from '../../bot/src/server';
import { seedBaseData } from '../../bot/src/services/seed-service';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';

/**
 * The server process of the fault tests (`node --import tsx tests/helpers/server-entry.ts`): what
 * bot/src/main.ts does (configuration from the environment, migrations, base data, createServer,
 * graceful shutdown on SIGTERM), plus the two things a test machine needs:
 *
 * - outgoing Bot Connector calls signed with a fixed token (TEST_OUTGOING_TOKEN), as there is no
 *   Entra ID offline: the Bot Connector is the test's local stub;
 * - notification timings short enough to watch a recovery (TEST_JOB_EXPIRE_SECONDS, TEST_LEASE_MS,
 *   TEST_MAINTENANCE_SECONDS, TEST_RETRY_DELAY_SECONDS, TEST_POLL_MS); production defaults otherwise.
 *
 * Everything else is the product's own code path.
 */
const numberOf = (name: string): number | undefined =>
  process.env[name] ? Number(process.env[name]) : undefined;

const main = async () => {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    onPoolError: (error) => console.warn('database connection lost:', error.message),
  });
  await database.migrate();
  await seedBaseData(database.db);

  const expireInSeconds = numberOf('TEST_JOB_EXPIRE_SECONDS');
  const retryDelaySeconds = numberOf('TEST_RETRY_DELAY_SECONDS');
  const leaseMs = numberOf('TEST_LEASE_MS');
  const maintenanceIntervalSeconds = numberOf('TEST_MAINTENANCE_SECONDS');
  const pollIntervalMs = numberOf('TEST_POLL_MS');
  const { app } = await createServer(config, database, {
    teams: {
      credentialsFactory: new FixedTokenCredentialsFactory(
        config.bot.appId ?? '',
        process.env.TEST_OUTGOING_TOKEN ?? 'stub-outgoing-token',
      ),
    },
    worker: {
      retryPolicy: {
        ...(expireInSeconds ? { expireInSeconds } : {}),
        ...(retryDelaySeconds ? { retryDelaySeconds } : {}),
      },
      ...(leaseMs ? { worker: { leaseMs } } : {}),
      ...(maintenanceIntervalSeconds ? { queue: { maintenanceIntervalSeconds } } : {}),
      ...(pollIntervalMs ? { consumer: { pollIntervalMs } } : {}),
    },
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind }, 'ready');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
