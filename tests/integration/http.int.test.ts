import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '#shared';
import { openDatabase } from '../../bot/src/data/database';
import { createTestApp, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

describe('HTTP server', () => {
  useTestDatabase();

  it('answers /healthz and /readyz with request ids', async () => {
    const app = await createTestApp(await getTestDatabase());
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const ready = await app.inject({ url: '/readyz', headers: { 'x-request-id': 'lb-probe-1' } });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    expect(ready.headers['x-request-id']).toBe('lb-probe-1');
  });

  it('reports not ready when the database is unreachable', async () => {
    const unreachable = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: '',
    });
    try {
      const app = await createTestApp(unreachable);
      const started = Date.now();
      const response = await app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await unreachable.close();
    }
  });

  it('answers unknown routes with a Japanese JSON 404', async () => {
    const app = await createTestApp(await getTestDatabase());
    const response = await app.inject({ url: '/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: 'ページまたは API が見つかりません。' },
    });
  });

  it('sends security headers that let Teams, Microsoft 365 and Outlook frame the app', async () => {
    const app = await createTestApp(await getTestDatabase());
    const response = await app.inject({ url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    for (const host of [
      "'self'",
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.cloud.microsoft',
      'https://*.microsoft365.com',
      'https://*.office.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://outlook-sdf.office.com',
      'https://outlook-sdf.office365.com',
    ]) {
      expect(csp).toMatch(new RegExp(`frame-ancestors[^;]*${host.replace(/[.*]/g, '\\$&')}`));
    }
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('in production: HSTS for a year with subdomains, and a CSP without inline or eval scripts', async () => {
    const app = await createTestApp(await getTestDatabase(), {
      NODE_ENV: 'production',
      BOT_APP_ID: 'c2b7a4e1-9d3f-4a6b-8e5c-1f0d2a3b4c5d',
      BOT_TENANT_ID: '7d1e4c3b-2a59-4f6e-8b0c-9e3f2a1d4c50',
      SECRET_BOT_APP_PASSWORD: 'not-a-real-secret',
      PUBLIC_URL: 'https://proposals.example.jp',
    });
    for (const url of ['/healthz', '/api/proposals', '/privacy', '/no/such/page']) {
      const response = await app.inject({ url });
      const hsts = String(response.headers['strict-transport-security']);
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), url).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toContain('includeSubDomains');
      const csp = String(response.headers['content-security-policy']);
      // Scripts from this origin only (helmet adds a per-response nonce); nothing inline, no eval.
      expect(csp).toMatch(/(^|;)\s*script-src 'self'( 'nonce-[A-Za-z0-9+/=]+')?(;|$)/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*;|data: .*script/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('limits the request rate with a Japanese 429', async () => {
    const app = await createTestApp(await getTestDatabase(), { RATE_LIMIT_PER_MINUTE: '3' });
    app.get('/test/ping', async () => ({ pong: true }));
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await app.inject({ url: '/test/ping' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.inject({ url: '/test/ping' });
    expect(limited.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('しばらく') },
    });
    expect(limited.headers['retry-after']).toBeDefined();
    // Probes are never limited.
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('maps errors once: validation, size, bad JSON, domain errors, database outage, and hides internals', async () => {
    const app = await createTestApp(await getTestDatabase(), { BODY_LIMIT_BYTES: '2048' });
    app.post(
      '/test/echo',
      { schema: { body: z.object({ title: z.string().min(1, '件名を入力してください。') }) } },
      async (request) => request.body,
    );
    app.get('/test/domain', async () => {
      throw new AppError('CONFLICT');
    });
    app.get('/test/crash', async () => {
      throw new Error('secret connection string postgres://admin:pw@db');
    });
    app.get('/test/db-down', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });

    const ok = await app.inject({ method: 'POST', url: '/test/echo', payload: { title: '提案' } });
    expect(ok.json()).toEqual({ title: '提案' });

    const invalid = await app.inject({ method: 'POST', url: '/test/echo', payload: { title: '' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'title', message: '件名を入力してください。' }],
    });

    const tooLarge = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { title: 'あ'.repeat(2000) },
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'データが大きすぎます。',
    });

    const badJson = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error).toMatchObject({
      code: 'VALIDATION',
      message: 'リクエストの形式が正しくありません。',
    });

    const domain = await app.inject({ url: '/test/domain' });
    expect(domain.statusCode).toBe(409);
    expect(domain.json().error.code).toBe('CONFLICT');

    const crash = await app.inject({ url: '/test/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json().error).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('システムエラー'),
    });
    expect(crash.body).not.toMatch(/secret|postgres|stack|at /);

    const down = await app.inject({ url: '/test/db-down' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('しばらく'),
    });
    expect(down.body).not.toContain('ECONNREFUSED');
  });
});
