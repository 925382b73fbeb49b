import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import { percentile, round } from './stats';

/**
 * Two ways to load a server, both on loopback:
 * - closed loop (autocannon): N connections each sending its next request when the previous answered;
 *   measures the most a server sustains (throughput);
 * - open loop: requests start on a fixed schedule whatever the server does, and each latency is
 *   counted from when the request was due, so a stalled server shows up in the percentiles instead of
 *   quietly lowering the rate (no coordinated omission).
 * A `check` sees every answer; anything it rejects, any non-2xx, timeout or socket error is an error.
 */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type ResponseCheck = (status: number, body: string) => string | undefined;

export interface LoadResult {
  requests: number;
  rps: number;
  errors: number;
  /** A few error descriptions, for the log. */
  errorSamples: string[];
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  durationSec: number;
}

const defaultCheck: ResponseCheck = (status, body) =>
  status >= 200 && status < 300 ? undefined : `${status} ${body.slice(0, 160)}`;

export const closedLoop = async (options: {
  url: string;
  connections: number;
  durationSec: number;
  next: () => RequestSpec;
  check?: ResponseCheck;
}): Promise<LoadResult> => {
  const check = options.check ?? defaultCheck;
  const errorSamples: string[] = [];
  let checkErrors = 0;
  const first = options.next();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSec,
    timeout: 30,
    requests: [
      {
        ...first,
        setupRequest: (request) => ({ ...request, ...options.next() }),
        onResponse: (status, body) => {
          const problem = status >= 200 && status < 300 ? check(status, body) : undefined;
          if (problem) {
            checkErrors += 1;
            if (errorSamples.length < 5) errorSamples.push(problem);
          }
          if ((status < 200 || status >= 300) && errorSamples.length < 5) {
            errorSamples.push(`${status} ${body.slice(0, 160)}`);
          }
        },
      },
    ],
  });
  const errors = result.errors + result.timeouts + result.non2xx + checkErrors;
  return {
    requests: result.requests.total,
    rps: round(result.requests.total / result.duration, 1),
    errors,
    errorSamples,
    p50Ms: result.latency.p50,
    p95Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    durationSec: round(result.duration, 2),
  };
};

export const openLoop = async (options: {
  url: string;
  ratePerSecond: number;
  durationSec: number;
  next: (index: number) => RequestSpec;
  check?: ResponseCheck;
  timeoutMs?: number;
}): Promise<LoadResult & { latencies: number[] }> => {
  const check = options.check ?? defaultCheck;
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.round(options.ratePerSecond * options.durationSec);
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let completed = 0;
  const started = performance.now();

  const fire = (index: number, dueAt: number) =>
    new Promise<void>((resolve) => {
      const spec = options.next(index);
      const fail = (problem: string) => {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(problem);
      };
      const request = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: spec.method,
          path: spec.path,
          headers: {
            ...spec.headers,
            ...(spec.body ? { 'content-length': Buffer.byteLength(spec.body) } : {}),
          },
          agent,
          timeout: options.timeoutMs ?? 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - dueAt);
            const problem = check(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
            if (problem) fail(problem);
            completed += 1;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => {
        fail(error.message);
        latencies.push(performance.now() - dueAt);
        resolve();
      });
      request.end(spec.body);
    });

  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const dueAt = started + index * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(fire(index, dueAt));
  }
  await Promise.all(inFlight);
  const durationSec = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: completed,
    rps: round(completed / durationSec, 1),
    errors,
    errorSamples,
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    durationSec: round(durationSec, 2),
    latencies,
  };
};

/** One request of a virtual user: what to send, how to judge the answer, and the group it counts for. */
export interface UserRequest {
  group: string;
  spec: RequestSpec;
  check?: ResponseCheck;
}

export interface UsersResult {
  durationSec: number;
  /** Latencies (ms) and errors of each group, in the order the answers came. */
  groups: Record<string, { latencies: number[]; errors: number }>;
  /** Errors by kind: `http <status>`, `unexpected answer` (2xx the check rejected), `timeout`, `socket <code>`. */
  errorsByKind: Record<string, number>;
  errorSamples: string[];
}

/**
 * Closed loop of `users` virtual users, each with its own keep-alive connection, sending its next
 * request (`next(user)`, which may keep per-user state: a session's next page) as soon as the previous
 * one was answered, until `durationSec` is over; requests under way then are awaited and counted. Unlike
 * autocannon, every answer reaches the check of the very request it answers, so a scenario can tell
 * which writes were acknowledged.
 */
export const closedLoopUsers = async (options: {
  url: string;
  users: number;
  durationSec: number;
  next: (user: number) => UserRequest;
  timeoutMs?: number;
}): Promise<UsersResult> => {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.users });
  const groups: UsersResult['groups'] = {};
  const errorsByKind: Record<string, number> = {};
  const errorSamples: string[] = [];
  const started = performance.now();
  const deadline = started + options.durationSec * 1000;

  const send = (request: UserRequest) =>
    new Promise<void>((resolve) => {
      const { spec, check = defaultCheck } = request;
      const group = (groups[request.group] ??= { latencies: [], errors: 0 });
      const sentAt = performance.now();
      let settled = false;
      const finish = (problem?: { kind: string; text: string }) => {
        if (settled) return;
        settled = true;
        group.latencies.push(performance.now() - sentAt);
        if (problem) {
          group.errors += 1;
          errorsByKind[problem.kind] = (errorsByKind[problem.kind] ?? 0) + 1;
          if (errorSamples.length < 10) errorSamples.push(`${request.group}: ${problem.text}`);
        }
        resolve();
      };
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: spec.method,
          path: spec.path,
          headers: {
            ...spec.headers,
            ...(spec.body ? { 'content-length': Buffer.byteLength(spec.body) } : {}),
          },
          agent,
          timeout: options.timeoutMs ?? 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error: NodeJS.ErrnoException) =>
            finish({ kind: `socket ${error.code ?? error.message}`, text: error.message }),
          );
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const body = Buffer.concat(chunks).toString('utf8');
            if (status < 200 || status >= 300) {
              finish({ kind: `http ${status}`, text: `${status} ${body.slice(0, 200)}` });
              return;
            }
            const problem = check(status, body);
            finish(problem ? { kind: 'unexpected answer', text: problem } : undefined);
          });
        },
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        finish(
          error.code === 'TIMEOUT'
            ? { kind: 'timeout', text: `no answer within ${options.timeoutMs ?? 30_000} ms` }
            : { kind: `socket ${error.code ?? error.message}`, text: error.message },
        ),
      );
      outgoing.end(spec.body);
    });

  const user = async (index: number) => {
    while (performance.now() < deadline) await send(options.next(index));
  };
  await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  const durationSec = (performance.now() - started) / 1000;
  agent.destroy();
  return { durationSec: round(durationSec, 2), groups, errorsByKind, errorSamples };
};
