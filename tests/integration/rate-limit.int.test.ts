import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/src/app';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/**
 * Floods get 429 with a Japanese message and Retry-After, per client address (everything) and per
 * signed-in user (the tab API, whatever address they come from). Addresses come from
 * X-Forwarded-For as behind Azure's front end (TRUST_PROXY=1: one proxy in front).
 */
const { taro, hanako } = personas;

describe('rate limits', () => {
  useTestDatabase();
  let stub: EntraStub;
  let app: FastifyInstance;
  let tokens: { taro: string; hanako: string };

  beforeAll(async () => {
    stub = await startEntraStub();
    app = await buildApp({
      config: testConfig(
        stub.env({ RATE_LIMIT_PER_MINUTE: '8', RATE_LIMIT_PER_USER_PER_MINUTE: '3', TRUST_PROXY: '1' }),
      ),
      database: await getTestDatabase(),
    });
    tokens = await stub.signAll({ taro, hanako });
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  const from = (ip: string, headers: Record<string, string> = {}) =>
    app.inject({ url: '/api/me', headers: { 'x-forwarded-for': ip, ...headers } });

  const expectLimited = (response: Awaited<ReturnType<typeof from>>) => {
    expect(response.statusCode, response.body).toBe(429);
    expect(response.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'リクエストが多すぎます。しばらく待ってからやり直してください。',
    });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('per user: the fourth request of a minute is refused, from whichever address it comes', async () => {
    const statuses = [];
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      statuses.push((await from(ip, bearer(tokens.taro))).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    expectLimited(await from('198.51.100.4', bearer(tokens.taro)));
    // Someone else at the same address is not affected.
    expect((await from('198.51.100.4', bearer(tokens.hanako))).statusCode).toBe(200);
  });

  it('per address: anonymous floods and everyone behind one address share its budget', async () => {
    const ip = '203.0.113.7';
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await from(ip)).statusCode);
    expect(statuses).toEqual(Array(8).fill(401));
    expectLimited(await from(ip));
    expectLimited(await from(ip, bearer(tokens.hanako)));
    // Another address is not affected; probes never are.
    expect((await from('203.0.113.8')).statusCode).toBe(401);
    const probe = await app.inject({ url: '/readyz', headers: { 'x-forwarded-for': ip } });
    expect(probe.statusCode).toBe(200);
  });

  it('per address behind one proxy: the address the proxy saw counts, not what the client wrote before it', async () => {
    // The front end appends the address it saw; anything before it is the client's own claim.
    const statuses = [];
    for (let i = 0; i < 8; i += 1)
      statuses.push((await from(`10.${i}.0.1, 192.0.2.${i}, 203.0.113.77`)).statusCode);
    expect(statuses).toEqual(Array(8).fill(401));
    expectLimited(await from('198.18.0.1, 203.0.113.77'));
    expect((await from('203.0.113.78')).statusCode).toBe(401);
  });
});
