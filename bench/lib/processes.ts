import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, extname, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Server processes of the bench: each a real `node <compiled script>` on 127.0.0.1 and a free
 * port, its output in a log file of the run (bench/results/logs), its memory read from /proc. Every
 * process started here is stopped by `stopAll()`.
 */
export const freePort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `url` answers 200; resolves with the milliseconds it took. */
export const waitFor200 = async (url: string, timeoutMs: number, died?: () => string | undefined) => {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const reason = died?.();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
};

/** Resident set size of a process in MB (VmRSS), 0 once it is gone. */
export const rssMb = (pid: number): number => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export const cpuSeconds = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

export interface BenchProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Set once the process exited. */
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

const running = new Set<BenchProcess>();

export interface StartOptions {
  /** Script compiled and run with node, or a full argv (`command` + `args`) for `npm start`. */
  script?: string;
  command?: string;
  args?: string[];
  env: Record<string, string>;
  /** Log file for stdout and stderr. */
  logFile: string;
  /** Extra node flags (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /** Path polled for readiness; default /readyz. */
  readyPath?: string;
  readyTimeoutMs?: number;
  port?: number;
  cwd?: string;
}

/**
 * A bench server script compiled to plain JavaScript, as `npm start` runs the product (scripts/
 * build-server.mjs): every server of a comparison (ceiling, SDK floor, product) runs the same way, with
 * no TypeScript loader thread in its CPU time or RSS.
 */
const compiled = async (script: string): Promise<string> => {
  const outfile = join('bench', 'results', 'build', `${basename(script, extname(script))}.mjs`);
  await build({
    entryPoints: [script],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    keepNames: true,
    logLevel: 'warning',
  });
  return outfile;
};

/** BENCH_NODE_FLAGS: extra flags for every node process the bench starts (e.g. V8 heap settings to compare). */
const benchNodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** Spawns a server, waits for it to answer 200 on its ready path and returns it with the wait in ms. */
export const startProcess = async (
  options: StartOptions,
): Promise<{ server: BenchProcess; readyMs: number }> => {
  const port = options.port ?? (await freePort());
  const command = options.command ?? process.execPath;
  const args = options.command
    ? (options.args ?? [])
    : [...(options.nodeFlags ?? []), ...benchNodeFlags, await compiled(options.script!)];
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      ...options.env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so `npm start` and its children are stopped together.
    detached: true,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exit: string | undefined;
  const exited = once(child, 'exit').then(([code, signal]) => {
    exit = `exited with ${code ?? signal} (log: ${options.logFile})`;
  });
  const url = `http://127.0.0.1:${port}`;
  const server: BenchProcess = {
    url,
    pid: child.pid!,
    child,
    exitReason: () => exit,
    stop: async () => {
      running.delete(server);
      if (exit === undefined) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 15_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
  running.add(server);
  try {
    await waitFor200(`${url}${options.readyPath ?? '/readyz'}`, options.readyTimeoutMs ?? 60_000, () => exit);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, readyMs: performance.now() - started };
};

export const stopAll = async (): Promise<void> => {
  await Promise.all([...running].map((server) => server.stop()));
};
