import type { BrowserContext, Page } from 'playwright-core';
import { e2eEnvironment } from './environment';

/**
 * Teams, as far as a tab can tell: a page served as https://teams.microsoft.com (Playwright answers
 * for that origin) framing the tab and answering the real teams-js over postMessage.
 *
 * teams-js v2 sends `{ id, uuidAsString, func, args, … }` to its parent (initialize with target
 * origin '*', later calls to the origin that answered) and matches a response `{ id, uuidAsString,
 * args }` by uuid; it accepts messages only from an https origin on its list of valid origins. The
 * host calls the tab with `{ func, args }` (no id), e.g. `themeChange`.
 *
 * The tab itself is served as https://proposals.example.jp, proxied to the local server, so the
 * frame is https inside https and the server's CSP frame-ancestors (which lists teams.microsoft.com)
 * is what allows the framing.
 */
export const teamsOrigin = 'https://teams.microsoft.com';
export const tabOrigin = 'https://proposals.example.jp';
export const hostUrl = `${teamsOrigin}/_e2e/host.html`;

export interface FakeTeamsOptions {
  /** Where the tab starts, like a static tab's contentUrl, e.g. `/tab/proposals`. */
  contentPath: string;
  /** What `authentication.getAuthToken` returns. */
  token: string;
  theme: 'default' | 'dark' | 'contrast';
  /** `page.id` (the manifest's entityId) and `page.subPageId` (a deep link's subEntityId). */
  pageId: string;
  subPageId?: string;
  userObjectId: string;
  tenantId: string;
}

export interface ProxiedApiCall {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

/** The host page: ~40 lines of plain JavaScript answering what the tab asks. */
const hostPage = (options: FakeTeamsOptions): string => {
  const context = {
    locale: 'ja-jp',
    theme: options.theme,
    entityId: options.pageId,
    subEntityId: options.subPageId ?? '',
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    userObjectId: options.userObjectId,
    tid: options.tenantId,
    appSessionId: '0f7a2c1e-3b4d-4e5f-8a9b-1c2d3e4f5a6b',
  };
  const runtime = {
    apiVersion: 4,
    isLegacyTeams: false,
    supports: {
      appInstallDialog: {},
      authentication: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teamsCore: {},
    },
  };
  const json = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Fake Teams</title>
<style>body{margin:0}iframe{border:0;width:100vw;height:100vh;display:block}</style></head>
<body><iframe id="tab" title="職員提案" src="${tabOrigin}${options.contentPath}"></iframe>
<script>
const tabOrigin = ${json(tabOrigin)};
const context = ${json(context)};
const runtime = ${json(runtime)};
const token = ${json(options.token)};
const frame = document.getElementById('tab');
window.hostLog = [];
const reply = (request, args) =>
  frame.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, tabOrigin);
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
  const request = event.data;
  if (!request || typeof request.func !== 'string') return;
  window.hostLog.push({ func: request.func, args: request.args });
  switch (request.func) {
    case 'initialize':
      return reply(request, ['content', 'web', JSON.stringify(runtime), '2.0.0']);
    case 'getContext':
      return reply(request, [context]);
    case 'authentication.getAuthToken':
      return reply(request, [true, token]);
    default:
      // One-way notices (appInitialization.success, registerHandler, …) need no answer.
      return;
  }
});
window.sendToTab = (func, args) => frame.contentWindow.postMessage({ func, args }, tabOrigin);
</script></body></html>`;
};

/**
 * Serves the host page and proxies the tab's origin to the local server, recording every API call
 * (with its Authorization header) the tab makes.
 */
export const installFakeTeams = async (
  context: BrowserContext,
  options: FakeTeamsOptions,
): Promise<{ apiCalls: ProxiedApiCall[] }> => {
  const { baseUrl } = e2eEnvironment();
  const apiCalls: ProxiedApiCall[] = [];
  await context.route(`${teamsOrigin}/**`, (route) =>
    route.request().url() === hostUrl
      ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(options) })
      : route.fulfill({ status: 404, body: '' }),
  );
  await context.route(`${tabOrigin}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const response = await route.fetch({ url: `${baseUrl}${url.pathname}${url.search}` });
    if (url.pathname.startsWith('/api/')) {
      apiCalls.push({
        method: request.method(),
        path: url.pathname,
        authorization: (await request.headerValue('authorization')) ?? undefined,
        status: response.status(),
      });
    }
    await route.fulfill({ response });
  });
  return { apiCalls };
};

/** The teams-js calls the host has received so far. */
export const hostCalls = (page: Page): Promise<{ func: string; args: unknown[] }[]> =>
  page.evaluate('window.hostLog');

export const waitForHostCall = (page: Page, func: string, timeout = 30_000) =>
  page.waitForFunction(`window.hostLog.some((call) => call.func === ${JSON.stringify(func)})`, undefined, {
    timeout,
  });

/** What Teams sends when the user switches theme. */
export const changeTheme = (page: Page, theme: 'default' | 'dark' | 'contrast') =>
  page.evaluate(`window.sendToTab('themeChange', [${JSON.stringify(theme)}])`);
