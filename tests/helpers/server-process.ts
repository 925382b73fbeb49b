import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { freePort } from './ports';
import { waitUntil } from './wait';

/**
 * Real server processes for the fault tests: spawned with tsx on 127.0.0.1 and a free port, their
 * output kept for failure messages, killed (SIGKILL) or stopped (SIGTERM) by the test. Every process
 * started here is killed by `killAll()` (call it in `afterAll`), so a failing test leaves none behind.
 */
/** Until `url` answers 200 (a refused connection is "not yet"). */
export const waitForReady = async (url: string, timeoutMs: number): Promise<void> => {
  await waitUntil(
    async () =>
      (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.status === 200,
    { what: `${url} answering 200`, timeoutMs, intervalMs: 100 },
  );
};

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no shutdown code runs. Resolves once the process is gone. */
  crash(): Promise<void>;
  /** SIGTERM, the graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcessByStdio<null, Readable, Readable>>();

/** The test entry (tests/helpers/server-entry.ts) unless `script` names another, e.g. bot/src/main.ts. */
export const spawnServer = (options: {
  env: Record<string, string>;
  port: number;
  script?: string;
}): { child: ChildProcessByStdio<null, Readable, Readable>; server: ServerProcess } => {
  const script = options.script ?? 'tests/helpers/server-entry.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...options.env,
      PORT: String(options.port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    url,
    port: options.port,
    pid: child.pid!,
    output: () => output,
    exited,
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return (await exited).code;
    },
  };
  return { child, server };
};

/** Spawns the server and waits until /readyz answers 200 (or the process dies). */
export const startServerProcess = async (options: {
  env: Record<string, string>;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<ServerProcess> => {
  const port = options.port ?? (await freePort());
  const { server } = spawnServer({ env: options.env, port });
  const died = server.exited.then(({ code, signal }) => {
    throw new Error(`server exited (${code ?? signal}) before ready:\n${server.output()}`);
  });
  try {
    await Promise.race([waitForReady(`${server.url}/readyz`, options.readyTimeoutMs ?? 40_000), died]);
  } catch (error) {
    await server.crash();
    throw error;
  }
  died.catch(() => undefined);
  return server;
};

/** SIGKILL for every process still running (afterAll). */
export const killAll = async (): Promise<void> => {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
};
