import { loadConfig } from '../../bot/src/config';
import { startServer } from '../../bot/src/start-server';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';

/**
 * The server process of the fault tests (`node --import tsx tests/helpers/server-entry.ts`): the
 * product's start-up (bot/src/start-server.ts, as `npm start` runs it), plus the two things a test
 * machine needs:
 *
 * - outgoing Bot Connector calls signed with a fixed token (TEST_OUTGOING_TOKEN), as there is no
 *   Entra ID offline: the Bot Connector is the test's local stub;
 * - notification timings short enough to watch a recovery (TEST_JOB_EXPIRE_SECONDS, TEST_LEASE_MS,
 *   TEST_MAINTENANCE_SECONDS, TEST_RETRY_DELAY_SECONDS, TEST_POLL_MS); production defaults otherwise.
 *
 * Everything else is the product's own code path. A start-up error rejects the top-level await: node
 * prints it and exits with 1.
 */
const numberOf = (name: string): number | undefined =>
  process.env[name] ? Number(process.env[name]) : undefined;

const config = loadConfig();
const expireInSeconds = numberOf('TEST_JOB_EXPIRE_SECONDS');
const retryDelaySeconds = numberOf('TEST_RETRY_DELAY_SECONDS');
const leaseMs = numberOf('TEST_LEASE_MS');
const maintenanceIntervalSeconds = numberOf('TEST_MAINTENANCE_SECONDS');
const pollIntervalMs = numberOf('TEST_POLL_MS');
await startServer(config, {
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
