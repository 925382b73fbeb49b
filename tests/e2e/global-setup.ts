import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { demoTenantId, demoUsers } from '../../bot/src/services/demo/demo-organisation';
import { startEntraStub, type EntraStub } from '../helpers/entra-token';
import { freePort } from '../helpers/ports';
import { dropDatabase } from '../helpers/server-admin';
import { createServerDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait';
import { artifactsDir, chromiumArgs, chromiumPath, type E2eEnvironment } from './support/environment';

/**
 * The e2e project's run: the tab built when tab/dist is stale, a fresh database with the demo seed
 * (PGlite in a temporary DATA_DIR, or a throwaway database next to DATABASE_URL), the real server
 * (`bot/src/main.ts`) on a free loopback port, and one headless Chromium (Debian's) for every file.
 *
 * The server runs with AUTH_MODE=development (the persona sign-in) and also trusts a local JWKS with
 * the demo tenant, so a Teams SSO token signed by the test key goes through the real `jose`
 * verification: one server serves both the browser scenarios and the Teams-framed one.
 */
const root = new URL('../..', import.meta.url).pathname;
const readyTimeoutMs = 120_000;

/** Runs a node script to completion; its output goes to the log, and into the error when it fails. */
const runNode = async (args: string[], env: NodeJS.ProcessEnv, log: NodeJS.WritableStream): Promise<void> => {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`node ${args.join(' ')} failed (${code}):\n${output}`);
};

/** Until `url` answers 2xx (a refused connection is "not yet"); fails at once if the server exits. */
const waitForReady = async (url: string, server: ChildProcess, output: () => string): Promise<void> => {
  await waitUntil(
    async () => {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output()}`);
      return (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.ok;
    },
    { what: () => `${url} ready (output so far:\n${output()})`, timeoutMs: readyTimeoutMs, intervalMs: 200 },
  );
};

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
};

/** Development sign-in, plus Entra tokens of the demo tenant verified against the local JWKS. */
const serverAuthEnv = (entra: EntraStub): Record<string, string> => ({
  ...entra.env(),
  AUTH_MODE: 'development',
  AUTH_TENANT_ID: demoTenantId,
});

export default async function setup(project: TestProject) {
  const unavailable: E2eEnvironment = { baseUrl: '', wsEndpoint: '', teamsToken: '', teamsUserOid: '' };
  if (!existsSync(chromiumPath)) {
    const message = `${chromiumPath} がありません / not found: the end-to-end tests need Debian's chromium (apt-get install chromium fonts-noto-cjk poppler-utils)`;
    // CI must not pass by skipping; a developer without the browser still gets the other projects.
    if (process.env.CI) throw new Error(message);
    console.warn(`e2e: skipped — ${message}`);
    project.provide('e2e', { ...unavailable, skipReason: message });
    return;
  }

  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => console.warn('e2e teardown:', error));
  };

  try {
    // Not emptied first: others may be running the suite in this working tree; files are overwritten.
    await mkdir(artifactsDir, { recursive: true });
    const log = createWriteStream(join(artifactsDir, 'server.log'));
    cleanups.push(async () => void log.end());

    // A fresh database of the kind under test, seeded with the demo prefecture.
    process.env.TEST_DB_RUN ??= Math.random().toString(16).slice(2, 8);
    const databaseEnv: Record<string, string> = {};
    if (process.env.DATABASE_URL) {
      const url = await createServerDatabase('e2e');
      cleanups.push(() => dropDatabase(new URL(url).pathname.slice(1)));
      databaseEnv.DATABASE_URL = url;
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'e2e-data-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      databaseEnv.DATA_DIR = dataDir;
    }
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...databaseEnv,
    };
    const started = Date.now();
    const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    // The build and the seed are independent: on two cores they overlap well.
    await Promise.all([
      runNode(['scripts/ensure-tab-build.mjs'], process.env, log),
      runNode(['--import', 'tsx', 'scripts/db-seed.ts', '--demo'], baseEnv, log),
    ]);

    const entra = await startEntraStub();
    cleanups.push(() => entra.close());
    const office = demoUsers.find((user) => user.roles.includes('office'))!;

    const port = await freePort();
    let output = '';
    const server = spawn(process.execPath, ['--import', 'tsx', 'bot/src/main.ts'], {
      cwd: root,
      env: {
        ...baseEnv,
        ...serverAuthEnv(entra),
        HOST: '127.0.0.1',
        PORT: String(port),
        // Every page of every test comes from one address and a few personas; limits are not under test here.
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
        // No notifications leave the machine (there is no Teams to send them to).
        WORKER_IN_PROCESS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    };
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
    cleanups.push(() => stopProcess(server));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(`${baseUrl}/readyz`, server, () => output);
    console.log(`e2e: tab built, demo data seeded and server ready at ${baseUrl} after ${seconds()}`);

    const browser: BrowserServer = await chromium.launchServer({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
    });
    cleanups.push(() => browser.close());

    project.provide('e2e', {
      baseUrl,
      wsEndpoint: browser.wsEndpoint(),
      teamsToken: await entra.sign(
        { oid: office.aadObjectId, name: office.displayName, email: office.email },
        { tenantId: demoTenantId },
      ),
      teamsUserOid: office.aadObjectId,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
