import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalPageDto } from '#shared/tab-api';
import { demoTenantId } from '../../bot/src/services/demo/demo-organisation';
import {
  callApi,
  collectPageErrors,
  developmentToken,
  newContext,
  screenshot,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';
import {
  changeTheme,
  hostCalls,
  hostUrl,
  installFakeTeams,
  type ProxiedApiCall,
  tabOrigin,
  waitForHostCall,
} from './support/fake-teams-host';

const env = e2eEnvironment();

/** Relative luminance 0–255 of the tab's page background, read inside the frame. */
const backgroundLightness = async (page: Page): Promise<number> => {
  const colour = await page
    .frameLocator('iframe#tab')
    .locator('.fui-FluentProvider > div')
    .first()
    // Runs in the page (this project has no DOM types).
    .evaluate(
      (element) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(element).backgroundColor,
    );
  const [r, g, b] = String(colour).match(/\d+/g)!.map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe.skipIf(env.skipReason)('the tab inside a Teams-like host', () => {
  const holder = useBrowser();
  let proposal: { id: string; number: string; title: string };
  let page: Page;
  let apiCalls: ProxiedApiCall[];
  let errors: string[];

  beforeAll(async () => {
    const token = await developmentToken('萩原 健一');
    const response = await callApi(
      token,
      'GET',
      '/api/proposals?fiscalYear=2024&sort=number&direction=asc&pageSize=1',
    );
    expect(response.status).toBe(200);
    proposal = ((await response.json()) as ProposalPageDto).items[0]!;

    // Teams opens the proposals static tab (its manifest contentUrl) for a deep link to a proposal.
    const context = await newContext(holder.browser);
    ({ apiCalls } = await installFakeTeams(context, {
      contentPath: '/tab/proposals',
      token: env.teamsToken,
      theme: 'dark',
      pageId: 'proposals',
      subPageId: proposal.id,
      userObjectId: env.teamsUserOid,
      tenantId: demoTenantId,
    }));
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(hostUrl);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('initializes teams-js, gets the SSO token and reports success', async () => {
    await waitForHostCall(page, 'appInitialization.success');
    const calls = (await hostCalls(page)).map((call) => call.func);
    expect(calls[0]).toBe('initialize');
    expect(calls).toContain('getContext');
    expect(calls).toContain('authentication.getAuthToken');
    // Success is reported once the tab can show something of its own: after signing in.
    expect(calls.indexOf('authentication.getAuthToken')).toBeLessThan(
      calls.indexOf('appInitialization.success'),
    );
    expect(page.frames().some((frame) => frame.url().startsWith(`${tabOrigin}/tab/`))).toBe(true);
  });

  it('sends the token Teams handed out on every API call, and the server accepts it', async () => {
    await expect.poll(() => apiCalls.map((call) => call.path)).toContain('/api/me');
    for (const call of apiCalls) {
      expect(call.authorization).toBe(`Bearer ${env.teamsToken}`);
      expect(call.status, `${call.method} ${call.path}`).toBeLessThan(400);
    }
    // Inside Teams there is no sign-in page and no header of the tab's own (Teams is the navigation).
    const tab = page.frameLocator('iframe#tab');
    await expect(tab.getByRole('heading', { name: '開発用サインイン' }).count()).resolves.toBe(0);
    await expect(tab.getByRole('button', { name: 'サインアウト' }).count()).resolves.toBe(0);
  });

  it('applies the dark theme from the context and follows theme changes live', async () => {
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(80);
    await screenshot(page, 'teams-dark');
    await changeTheme(page, 'default');
    await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(200);
    await screenshot(page, 'teams-default');
    await changeTheme(page, 'contrast');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(40);
    await screenshot(page, 'teams-contrast');
    await changeTheme(page, 'dark');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(80);
  });

  it("opens the deep-linked proposal (subPageId) with the signed-in office user's actions", async () => {
    const tab = page.frameLocator('iframe#tab');
    const detail = tab
      .getByRole('region', { name: '提案の詳細' })
      .or(tab.getByRole('dialog', { name: '提案の詳細' }));
    await detail.getByText(proposal.number).first().waitFor();
    await detail.getByText(proposal.title).first().waitFor();
    // Only 推進室 sees this: the identity came from the Teams token (萩原 健一, office).
    await detail.getByRole('button', { name: '状態を変更' }).waitFor();
    await screenshot(page, 'teams-deep-link');
    expect(errors).toEqual([]);
  });
});
