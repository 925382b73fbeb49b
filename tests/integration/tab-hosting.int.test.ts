import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/src/app';
import { testConfig } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/** A stand-in for the Vite build: the same placeholders as tab/index.html, one hashed asset. */
const fakeBuild = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'tab-dist-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__" />' +
      '<script type="application/json" id="tab-config">__TAB_CONFIG__</script>' +
      '<script type="module" src="/tab/assets/index-abc123.js"></script></head><body></body></html>',
  );
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("tab");');
  return dir;
};

const nonceOf = (csp: string, directive: string) =>
  new RegExp(`${directive} [^;]*'nonce-([A-Za-z0-9+/=]+)'`).exec(csp)?.[1];

describe('the tab is served by the bot’s server', () => {
  let distDir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    distDir = await fakeBuild();
    app = await buildApp({
      config: testConfig({ AUTH_MODE: 'development', BOT_APP_ID: 'bot-<app>-id', TEAMS_APP_ID: 'teams-app' }),
      database: await getTestDatabase(),
      tabDistDir: distDir,
    });
  });
  afterAll(() => app?.close());

  it('renders every tab path with a fresh style nonce that matches the CSP, never cached', async () => {
    const first = await app.inject({ method: 'GET', url: '/tab/proposals/1234' });
    const second = await app.inject({ method: 'GET', url: '/tab/dashboard' });
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-store');
      const csp = String(response.headers['content-security-policy']);
      const nonce = nonceOf(csp, 'style-src');
      expect(nonce).toBeTruthy();
      expect(response.body).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain('frame-ancestors');
    }
    expect(nonceOf(String(first.headers['content-security-policy']), 'style-src')).not.toBe(
      nonceOf(String(second.headers['content-security-policy']), 'style-src'),
    );
  });

  it('tells the tab its sign-in mode and app ids, escaped for a script element', async () => {
    const response = await app.inject({ method: 'GET', url: '/tab/' });
    const json = /<script type="application\/json" id="tab-config">(.*?)<\/script>/.exec(response.body)?.[1];
    expect(json).toBeDefined();
    expect(json).not.toContain('<');
    expect(JSON.parse(json!)).toMatchObject({
      authMode: 'development',
      botAppId: 'bot-<app>-id',
      clientId: 'bot-<app>-id',
      teamsAppId: 'teams-app',
    });
  });

  it('serves hashed assets for a year and 404s missing ones', async () => {
    const asset = await app.inject({ method: 'GET', url: '/tab/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ method: 'GET', url: '/tab/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('csp-nonce');
  });

  it('redirects /tab to the tab’s root', async () => {
    const response = await app.inject({ method: 'GET', url: '/tab' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/tab/');
  });

  it('says in Japanese when the tab has not been built', async () => {
    const bare = await buildApp({
      config: testConfig(),
      database: await getTestDatabase(),
      tabDistDir: join(distDir, 'missing'),
    });
    try {
      const response = await bare.inject({ method: 'GET', url: '/tab/dashboard' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('タブがまだビルドされていません');
    } finally {
      await bare.close();
    }
  });
});
