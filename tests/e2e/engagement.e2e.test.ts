import { describe, expect, it } from 'vitest';
import type { ProposalDto, ProposalPageDto } from '#shared';
import {
  callApi,
  collectPageErrors,
  developmentToken,
  newContext,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

/**
 * 賛同 and フォロー in the tab on the demo seed: a staff member supports a published proposal of
 * someone else in one click (the count goes up), the list shows and sorts by 賛同数, the office sees
 * 「賛同の多い検討中の提案」 on the dashboard, and 通知設定 in マイ提案 — light, dark and narrow
 * (screenshots under test-results/e2e/).
 */
describe.skipIf(env.skipReason)('賛同・フォロー', () => {
  const holder = useBrowser();

  /** An open, published proposal of someone else than the staff member. */
  const someonesPublished = async (token: string, meId: string): Promise<ProposalDto> => {
    const response = await callApi(token, 'GET', '/api/proposals?status=under_consideration&pageSize=100');
    const page = (await response.json()) as ProposalPageDto;
    const found = page.items.find(
      (item) =>
        item.isPublished &&
        item.proposer?.id !== meId &&
        !item.coProposers.some((person) => person.id === meId) &&
        !item.supportedByMe,
    );
    if (!found) throw new Error('no published proposal of someone else in the demo seed');
    return found;
  };

  it('supports a proposal in one click and sees the count in the detail and the list', async () => {
    const token = await developmentToken('山口 太郎');
    const me = (await (await callApi(token, 'GET', '/api/me')).json()) as { id: string };
    const target = await someonesPublished(token, me.id);
    // Colleagues supported it already (through the same API), so the count means something.
    for (const colleague of ['中村 花子', '萩原 健一', '長門 美咲'])
      expect(
        (await callApi(await developmentToken(colleague), 'PUT', `/api/proposals/${target.id}/support`))
          .status,
      ).toBe(200);

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎', `/tab/proposals/${target.id}`);
    const detail = page.getByRole('region', { name: '提案の詳細' });
    const engagement = detail.getByRole('region', { name: '賛同・フォロー' });
    await engagement.getByText(`賛同 ${target.supportCount + 3}人`).waitFor();
    await page.getByRole('grid').getByRole('row').nth(1).waitFor();
    await screenshot(page, 'engagement-detail-not-supported');

    await engagement.getByRole('button', { name: '賛同する' }).click();
    await engagement.getByRole('button', { name: '賛同を取り消す' }).waitFor();
    await engagement.getByText(`賛同 ${target.supportCount + 4}人`).waitFor();
    await engagement.getByRole('button', { name: 'フォロー解除' }).waitFor();
    await screenshot(page, 'engagement-detail-supported');

    // The theme follows the system's on load.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await engagement.getByRole('button', { name: '賛同を取り消す' }).waitFor();
    await page.getByRole('grid').getByRole('row').nth(1).waitFor();
    await screenshot(page, 'engagement-detail-supported-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await engagement.getByRole('button', { name: '賛同を取り消す' }).waitFor();
    await screenshot(page, 'engagement-detail-supported-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The list, sorted by 賛同数: the supported proposal first.
    await page.goto('/tab/proposals?sort=supportCount&direction=desc');
    const grid = page.getByRole('grid');
    await grid.getByRole('columnheader', { name: '賛同数' }).waitFor();
    const firstRow = grid.getByRole('row').nth(1);
    await expect.poll(async () => firstRow.textContent()).toContain(target.title);
    await firstRow.getByLabel(`賛同 ${target.supportCount + 4}人`).waitFor();
    await screenshot(page, 'engagement-list-by-support');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await firstRow.getByLabel(`賛同 ${target.supportCount + 4}人`).waitFor();
    await screenshot(page, 'engagement-list-by-support-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await firstRow.getByLabel(`賛同 ${target.supportCount + 4}人`).waitFor();
    await screenshot(page, 'engagement-list-by-support-narrow');

    // Withdrawn again: the demo stays as it was for the other files.
    expect((await callApi(token, 'DELETE', `/api/proposals/${target.id}/support`)).status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the office sees 賛同の多い検討中の提案 on the dashboard', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '萩原 健一', '/tab/dashboard');
    const section = page.getByRole('region', { name: '賛同の多い検討中の提案' });
    await section.getByRole('link').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(section, 'engagement-dashboard-top-supported');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await section.getByRole('link').first().waitFor();
    await screenshot(section, 'engagement-dashboard-top-supported-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await section.getByRole('link').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(section, 'engagement-dashboard-top-supported-narrow');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('通知設定 in マイ提案: the choice is saved', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '中村 花子', '/tab/my');
    const settings = page.getByRole('region', { name: '通知設定' });
    await settings.getByRole('radio', { name: /1日1回まとめて/ }).waitFor();
    expect(await settings.getByRole('radio', { name: /1日1回まとめて/ }).isChecked()).toBe(true);
    await settings.getByRole('radio', { name: /すぐに/ }).check();
    await expect.poll(() => settings.getByRole('radio', { name: /すぐに/ }).isChecked()).toBe(true);
    await page.reload();
    await expect.poll(() => settings.getByRole('radio', { name: /すぐに/ }).isChecked()).toBe(true);
    await settings.scrollIntoViewIfNeeded();
    await screenshot(settings, 'engagement-notification-settings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect.poll(() => settings.getByRole('radio', { name: /すぐに/ }).isChecked()).toBe(true);
    await screenshot(settings, 'engagement-notification-settings-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect.poll(() => settings.getByRole('radio', { name: /すぐに/ }).isChecked()).toBe(true);
    await settings.scrollIntoViewIfNeeded();
    await screenshot(page, 'engagement-notification-settings-narrow');
    await settings.getByRole('radio', { name: /1日1回まとめて/ }).check();
    await expect.poll(() => settings.getByRole('radio', { name: /1日1回まとめて/ }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
