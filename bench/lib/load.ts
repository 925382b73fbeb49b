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
