import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What the tab is told about the server, in its index.html (see tab/src/app/tab-config.ts). */
export interface TabClientConfig {
  authMode: 'entra' | 'development';
  clientId?: string | undefined;
  tenantId?: string | undefined;
  botAppId?: string | undefined;
  teamsAppId?: string | undefined;
}

export interface TabRoutesOptions {
  /** The Vite build output (tab/dist). */
  distDir: string;
  clientConfig: TabClientConfig;
}

/** JSON that is safe inside a `<script type="application/json">` element. */
const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');

const notBuiltPage = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>職員提案</title></head>
<body><h1>タブがまだビルドされていません</h1><p>管理者の方は <code>npm run build:tab</code> を実行してください。</p></body></html>`;

/**
 * Serves the tab: hashed assets under /tab/assets (cached for a year), and index.html for every
 * other /tab path (the tab routes in the browser). index.html is rendered per request with the CSP
 * nonce Fluent UI's style elements must carry, so it is never cached.
 */
export const tabRoutes = async (app: FastifyInstance, { distDir, clientConfig }: TabRoutesOptions) => {
  await app.register(fastifyStatic, {
    root: join(distDir, 'assets'),
    prefix: '/tab/assets/',
    decorateReply: false,
    index: false,
    wildcard: true,
    immutable: true,
    maxAge: '365d',
  });

  const configJson = scriptSafeJson(clientConfig);
  const sendIndex = async (reply: FastifyReply) => {
    let html: string;
    try {
      // Read per request: a few hundred bytes from the page cache, and `vite build --watch` is picked up.
      html = await readFile(join(distDir, 'index.html'), 'utf8');
    } catch {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(notBuiltPage);
    }
    const nonce = reply.cspNonce.style;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html.replace('__CSP_NONCE__', nonce).replace('__TAB_CONFIG__', configJson));
  };

  app.get('/tab', (_request, reply) => reply.redirect('/tab/'));
  app.get('/tab/', (_request, reply) => sendIndex(reply));
  // Any page of the tab (/tab/assets/* is the more specific static route, so assets never land here).
  app.get('/tab/*', (_request, reply) => sendIndex(reply));
};
