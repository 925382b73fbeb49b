import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { artifactsDir, e2eEnvironment } from './environment';

/**
 * Browser side of the e2e tests: the run's shared Chromium, contexts that never leave the machine,
 * screenshots as artifacts, and the development sign-in.
 */

/** The run's Chromium for one test file (connects in beforeAll, disconnects in afterAll). */
export const useBrowser = () => {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    holder.browser = await chromium.connect(e2eEnvironment().wsEndpoint);
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
};

/** teams-js asks the Office CDN which hosts may frame it; answered locally (there is no internet). */
export const validOriginsUrl = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/**
 * A Japanese, Tokyo-time context whose requests stay on the machine: the server itself, teams-js's
 * list of valid origins answered here, everything else refused (a test must not depend on the net).
 */
export const newContext = async (
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> => {
  const { baseUrl } = e2eEnvironment();
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  // Routes added later win: the catch-all first.
  await context.route(
    (url) => url.origin !== baseUrl,
    (route) => route.abort('internetdisconnected'),
  );
  await context.route(validOriginsUrl, (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com'] }),
    }),
  );
  return context;
};

/** Uncaught errors of a page, to assert none happened. */
export const collectPageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
};

/**
 * A screenshot under test-results/e2e/ (kept by CI): the full page, or one element scrolled into view
 * with the pointer out of the way. An element's shot waits for the element to hold still; on a starved CI machine that wait once ran
 * out (no frame came for 30 s), so then the page is taken instead: a screenshot is evidence to look
 * at, never the assertion, and must not fail the test it illustrates.
 */
export const screenshot = async (target: Page | Locator, name: string): Promise<void> => {
  await mkdir(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  if (!('page' in target)) {
    await target.screenshot({ path, fullPage: true, animations: 'disabled' });
    return;
  }
  // The pointer is left where the last click was; scrolled over a chart it opens the chart's callout.
  await target.page().mouse.move(0, 0);
  try {
    await target.screenshot({ path, animations: 'disabled', timeout: 15_000 });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
    console.warn(`screenshot ${name}: the element did not hold still; the page is taken instead`);
    await target.page().screenshot({ path, fullPage: true, animations: 'disabled' });
  }
};

export const signInButtonName = (displayName: string) => `${displayName}としてサインイン`;

/** Development sign-in through the persona page; resolves once the signed-in shell shows. */
export const signInAs = async (page: Page, displayName: string, path = '/tab/'): Promise<void> => {
  await page.goto(path);
  await page.getByRole('button', { name: signInButtonName(displayName) }).click();
  await page.getByRole('button', { name: 'サインアウト' }).waitFor();
};

/** A development token for a persona, for API calls next to the browser (same as the sign-in page). */
export const developmentToken = async (displayName: string): Promise<string> => {
  const { baseUrl } = e2eEnvironment();
  const users = (await (await fetch(`${baseUrl}/api/dev/users`)).json()) as {
    items: { aadObjectId: string; displayName: string }[];
  };
  const persona = users.items.find((user) => user.displayName === displayName);
  if (!persona) throw new Error(`no demo persona named ${displayName}`);
  const response = await fetch(`${baseUrl}/api/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ aadObjectId: persona.aadObjectId }),
  });
  if (!response.ok) throw new Error(`sign-in as ${displayName}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

/** A call to the tab API with a bearer token. */
export const callApi = async (
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> =>
  fetch(`${e2eEnvironment().baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A field's label exactly, with or without the asterisk Fluent adds to required fields. */
export const fieldLabel = (label: string): RegExp =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);

/**
 * Picks `option` in the control labelled `label` inside `scope`, whatever Fluent control it is: a
 * native select, a radio group, or a Dropdown/Combobox whose listbox opens in a portal.
 */
export const choose = async (scope: Page | Locator, label: string, option: string): Promise<void> => {
  const control = scope.getByLabel(fieldLabel(label)).first();
  const kind = await control.evaluate((element) => {
    const node = element as { tagName: string; getAttribute(name: string): string | null };
    return node.tagName === 'SELECT' ? 'select' : (node.getAttribute('role') ?? '');
  });
  if (kind === 'select') {
    await control.selectOption({ label: option });
  } else if (kind === 'radiogroup') {
    await control.getByRole('radio', { name: option, exact: true }).check();
  } else {
    await control.click();
    const page = 'page' in scope ? scope.page() : scope;
    await page.getByRole('option', { name: option, exact: true }).click();
  }
};

/** The text of each cell (th or td) of a table row. */
export const rowCells = (row: Locator): Promise<string[]> =>
  row
    .locator('th, td')
    .evaluateAll((cells) => cells.map((cell) => (cell as { textContent: string }).textContent.trim()));
