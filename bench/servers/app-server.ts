import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../../bot/src/config';
import { openDatabase } from '../../bot/src/data/database';
import { defaultSendRateLimits } from '../../bot/src/jobs/send-rate-limiter';
import { createServer } from '../../bot/src/server';
import { seedBaseData } from '../../bot/src/services/seed-service';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';

/**
 * The product's server as `npm start` runs it (bot/src/main.ts: configuration from the environment,
 * migrations, base data, createServer, graceful shutdown), with the two things an offline bench needs:
 *
 * - outgoing Bot Connector calls carry a fixed bearer token (there is no Entra ID on loopback); the
 *   Bot Connector is the bench's local stub;
 * - for the notification scenario, the worker's pacing (the product's defaults) multiplied by
 *   BENCH_RATE_SCALE, as the stub's limits are, so 10,000 sends fit in a minute.
 *
 * Everything else — token validation, the conversation, services, database, job queue — is the product's
 * own code path.
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

  // The notification scenario compresses time: Teams' limits and the worker's pacing both × scale.
  const scale = numberOf('BENCH_RATE_SCALE');
  const defaults = defaultSendRateLimits();
  const { app } = await createServer(config, database, {
    teams: {
      credentialsFactory: new FixedTokenCredentialsFactory(config.bot.appId ?? '', 'bench-outgoing-token'),
    },
    ...(scale
      ? {
          worker: {
            rateLimits: {
              ratePerSecond: defaults.ratePerSecond * scale,
              burst: defaults.burst * scale,
              minRatePerSecond: defaults.minRatePerSecond * scale,
              recoveryPerSecond: defaults.recoveryPerSecond * scale,
              conversationWindows: defaults.conversationWindows.map((window) => ({
                limit: window.limit * scale,
                windowMs: window.windowMs,
              })),
            },
          },
        }
      : {}),
  });

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
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
