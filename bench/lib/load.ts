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

type Answer = { status: number; body: string } | { error: NodeJS.ErrnoException };

/** One request on a keep-alive agent: the answer's status and body, or the error (a timeout's code is TIMEOUT). */
const exchange = (target: URL, agent: Agent, spec: RequestSpec, timeoutMs = 30_000) =>
  new Promise<Answer>((resolve) => {
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
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error }));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    request.end(spec.body);
  });

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

  const fire = async (index: number, dueAt: number) => {
    const answer = await exchange(target, agent, options.next(index), options.timeoutMs);
    latencies.push(performance.now() - dueAt);
    const problem = 'error' in answer ? answer.error.message : check(answer.status, answer.body);
    if (problem) {
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(problem);
    }
    if (!('error' in answer)) completed += 1;
  };

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

/** What is wrong with an answer, by kind (UsersResult's errorsByKind), or nothing. */
const problemOf = (answer: Answer, check: ResponseCheck, timeoutMs: number) => {
  if ('error' in answer) {
    const { error } = answer;
    return error.code === 'TIMEOUT'
      ? { kind: 'timeout', text: `no answer within ${timeoutMs} ms` }
      : { kind: `socket ${error.code ?? error.message}`, text: error.message };
  }
  const { status, body } = answer;
  if (status < 200 || status >= 300)
    return { kind: `http ${status}`, text: `${status} ${body.slice(0, 200)}` };
  const unexpected = check(status, body);
  return unexpected ? { kind: 'unexpected answer', text: unexpected } : undefined;
};

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

  const send = async (request: UserRequest) => {
    const { spec, check = defaultCheck } = request;
    const group = (groups[request.group] ??= { latencies: [], errors: 0 });
    const sentAt = performance.now();
    const answer = await exchange(target, agent, spec, options.timeoutMs);
    group.latencies.push(performance.now() - sentAt);
    const problem = problemOf(answer, check, options.timeoutMs ?? 30_000);
    if (problem) {
      group.errors += 1;
      errorsByKind[problem.kind] = (errorsByKind[problem.kind] ?? 0) + 1;
      if (errorSamples.length < 10) errorSamples.push(`${request.group}: ${problem.text}`);
    }
  };

  const user = async (index: number) => {
    while (performance.now() < deadline) await send(options.next(index));
  };
  await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  const durationSec = (performance.now() - started) / 1000;
  agent.destroy();
  return { durationSec: round(durationSec, 2), groups, errorsByKind, errorSamples };
};
