import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { deepLinkAppId, type Config } from './config';
import { createBackgroundTasks } from './conversation/background-tasks';
import { createConversationHandler } from './conversation/conversation-handler';
import type { DatabaseHandle } from './data/database';
import { createGraphServices, type GraphServices } from './graph/graph-services';
import { createWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from './jobs/worker-runtime';
import type { AppInstaller, DirectoryLookup } from './services/identity/teams-contact';
import { runDirectorySync } from './services/organisation/directory-sync';
import { createTeamsRuntime, type TeamsRuntimeOptions } from './teams/teams-runtime';

/** How long shutdown waits for background work (a slow Graph call is not worth a forced kill). */
const backgroundShutdownMs = 5_000;

const settledOrAfter = async (work: Promise<unknown>, ms: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
};

export interface ServerOverrides {
  /** Teams adapter options (tests: credentials for the local Bot Connector stub). */
  teams?: TeamsRuntimeOptions;
  /** Notification worker tuning (tests: short polling and retry delays). */
  worker?: Partial<Omit<WorkerRuntimeOptions, 'database' | 'sender' | 'runWorker'>>;
  /** Microsoft Graph; defaults to createGraphServices(config) (nothing unless GRAPH_ENABLED=true). */
  graph?: GraphServices;
  /** The directory; defaults to Microsoft Graph when GRAPH_ENABLED=true. */
  directory?: DirectoryLookup;
  /** Proactive installation; defaults to Microsoft Graph when GRAPH_ENABLED=true and TEAMS_APP_ID is set. */
  installer?: AppInstaller;
}

/**
 * The composition root: one Teams runtime (bot endpoint and proactive sender share its credentials),
 * the job queue and, unless WORKER_IN_PROCESS=false, the notification worker; the conversation
 * handler over the services; the HTTP app. Closing the app stops the worker; the caller closes the
 * database afterwards.
 */
export const createServer = async (
  config: Config,
  database: DatabaseHandle,
  overrides: ServerOverrides = {},
): Promise<{ app: FastifyInstance; jobs: WorkerRuntime }> => {
  const teams = createTeamsRuntime(config.bot, overrides.teams);
  const links = { teamsAppId: deepLinkAppId(config), publicUrl: config.publicUrl };
  const graph = overrides.graph ?? createGraphServices(config);
  const syncSource = graph.directory;
  const jobs: WorkerRuntime = createWorkerRuntime({
    links,
    ...overrides.worker,
    database,
    runWorker: config.workerInProcess,
    sender: teams.sender,
    directorySync: syncSource ? () => runDirectorySync(database.db, syncSource) : undefined,
  });
  const directory = overrides.directory ?? graph.directory;
  const installForUser = graph.directory?.installForUser;
  const installer = overrides.installer ?? (installForUser ? { installForUser } : undefined);
  // Work no turn waits for (division sync, proactive installs); its failures are logged by kind
  // (the key's part before the colon), never with the user's id.
  const background = createBackgroundTasks((error, key) =>
    app.log.warn(
      { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) },
      `${key.split(':')[0]} failed`,
    ),
  );
  const handler = createConversationHandler({
    db: database.db,
    notifications: jobs.notifications,
    ...(directory ? { directory } : {}),
    ...(installer ? { installer } : {}),
    background,
    links,
    limits: config.limits,
    newRequestId: randomUUID,
  });
  const app = await buildApp({
    config,
    database,
    teams: { runtime: teams, handler },
    notifications: jobs.notifications,
    graph,
  });
  if (graph.disabledReason) app.log.warn(`Microsoft Graph is off: ${graph.disabledReason}`);
  if (graph.installDisabledReason)
    app.log.info(`Proactive installation is off: ${graph.installDisabledReason}`);
  // The app token before the first turn needs it: a turn's lookups wait GRAPH_TURN_TIMEOUT_MS at most.
  const warmUp = graph.directory?.warmUp;
  if (warmUp) background.run('graph-token', warmUp);
  await jobs.start(app.log);
  // After the server stopped accepting and finished in-flight requests: background work settles,
  // jobs in hand finish or go back.
  app.addHook('onClose', async () => {
    await settledOrAfter(background.idle(), backgroundShutdownMs);
    await jobs.stop();
  });
  return { app, jobs };
};
