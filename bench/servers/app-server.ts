import { loadConfig } from '../../bot/src/config';
import { defaultSendRateLimits } from '../../bot/src/jobs/send-rate-limiter';
import { startServer } from '../../bot/src/start-server';
import { FixedTokenCredentialsFactory } from '../../bot/src/teams/bot-authentication';

/**
 * The product's server as `npm start` runs it (bot/src/start-server.ts: configuration from the
 * environment, migrations, base data, createServer, graceful shutdown), with the two things an offline
 * bench needs:
 *
 * - outgoing Bot Connector calls carry a fixed bearer token (there is no Entra ID on loopback); the
 *   Bot Connector is the bench's local stub;
 * - for the notification scenario, the worker's pacing (the product's defaults) multiplied by
 *   BENCH_RATE_SCALE, as the stub's limits are, so 10,000 sends fit in a minute.
 *
 * Everything else — token validation, the conversation, services, database, job queue — is the product's
 * own code path. A start-up error rejects the top-level await: node prints it and exits with 1.
 */
const numberOf = (name: string): number | undefined =>
  process.env[name] ? Number(process.env[name]) : undefined;

const config = loadConfig();
// The notification scenario compresses time: Teams' limits and the worker's pacing both × scale.
const scale = numberOf('BENCH_RATE_SCALE');
const defaults = defaultSendRateLimits();
await startServer(config, {
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
