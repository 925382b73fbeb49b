import { describe, expect, it } from 'vitest';
import type { ProposalAdoptionsDto } from '#shared/adoption';
import type { ProposalPageDto } from '#shared/tab-api';
import {
  callApi,
  collectPageErrors,
  developmentToken,
  newContext,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { scanAccessibility, seriousViolations } from './support/axe';
import { e2eEnvironment } from './support/environment';
import { proposalDetail } from './support/proposals-page';

const env = e2eEnvironment();

/**
 * 横展開 as people use it: other divisions recorded a realised demo proposal (through the API, as the
 * office); a member of 商工政策課 opens it, records 「導入を検討中」 for their division in the dialog,
 * and sees the list; the dashboard's 横展開 section counts FY2024. Light, dark and narrow views.
 * Adoptions change none of the figures the demo scenarios check.
 */
describe.skipIf(env.skipReason)('横展開', () => {
  const holder = useBrowser();

  it('records an adoption from the detail and counts it on the dashboard', { timeout: 180_000 }, async () => {
    const office = await developmentToken('萩原 健一');
    const realised = (await (
      await callApi(office, 'GET', '/api/proposals?fiscalYear=2024&status=realised&pageSize=50')
    ).json()) as ProposalPageDto;
    const target = realised.items.find((item) => item.isPublished)!;
    expect(target).toBeDefined();
    const view = (await (
      await callApi(office, 'GET', `/api/proposals/${target.id}/adoptions`)
    ).json()) as ProposalAdoptionsDto;
    const others = view.recordableDivisions.filter((division) => division.name !== '商工政策課');
    for (const [index, division] of others.slice(0, 3).entries()) {
      const response = await callApi(office, 'PUT', `/api/proposals/${target.id}/adoptions/${division.id}`, {
        state: index === 2 ? 'considering' : 'adopted',
        adoptedOn: `2024-1${index}-15`,
        ...(index === 0 ? { note: '課内の定例会議をTeamsで開くようにしました。' } : {}),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }

    // CSP bypassed only so axe can be injected.
    const context = await newContext(holder.browser, { bypassCSP: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎', `/tab/proposals/${target.id}`);
    const detail = proposalDetail(page);
    const section = detail.getByRole('region', { name: '横展開（ほかの課での導入）' });
    await section.waitFor();
    await section.getByText('導入した課 2 ／ 導入を検討中の課 1').waitFor();
    await section.getByRole('button', { name: 'うちの課でも導入した／導入を検討中' }).click();
    const dialog = page.getByRole('dialog', { name: 'うちの課でも導入した／導入を検討中' });
    await dialog.waitFor();
    await dialog.getByText('商工政策課').waitFor();
    await dialog.getByRole('radio', { name: '導入を検討中' }).check();
    await dialog.getByLabel('ひとこと（任意）').fill('来月の課内会議で試行します。');
    await screenshot(dialog, 'adoption-dialog-light');
    expect(seriousViolations(await scanAccessibility(page, 'adoption-dialog'))).toEqual([]);
    await dialog.getByRole('button', { name: '登録する' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText('導入した課 2 ／ 導入を検討中の課 2').waitFor();
    await section.getByText('来月の課内会議で試行します。').waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(section, 'adoption-section-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await section.getByText('来月の課内会議で試行します。').waitFor();
    await screenshot(section, 'adoption-section-dark');
    await section.getByRole('button', { name: 'うちの課でも導入した／導入を検討中' }).click();
    await dialog.waitFor();
    await screenshot(dialog, 'adoption-dialog-dark');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await section.getByText('来月の課内会議で試行します。').waitFor();
    await screenshot(section, 'adoption-section-narrow');

    // The dashboard: FY2024's 横展開 (the records dated in the year).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/tab/dashboard?fiscalYear=2024');
    const card = page.getByRole('region', { name: '横展開（ほかの課での導入）' });
    await card.getByRole('table', { name: /よく横展開された提案/ }).waitFor();
    const row = card
      .getByRole('table', { name: /よく横展開された提案/ })
      .getByRole('row')
      .nth(1);
    await expect.poll(async () => row.innerText()).toContain(target.number);
    await card.scrollIntoViewIfNeeded();
    await screenshot(card, 'adoption-dashboard-light');
    expect(seriousViolations(await scanAccessibility(page, 'adoption-dashboard'))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await card.getByRole('table', { name: /よく横展開された提案/ }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(card, 'adoption-dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await card.getByRole('table', { name: /よく横展開された提案/ }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(card, 'adoption-dashboard-narrow');

    expect(errors).toEqual([]);
    await context.close();
  });

  it(
    'lists the thanks a proposal led to and counts the stamps about proposals on the dashboard',
    { timeout: 180_000 },
    async () => {
      const office = await developmentToken('萩原 健一');
      const realised = (await (
        await callApi(office, 'GET', '/api/proposals?fiscalYear=2024&status=realised&pageSize=100')
      ).json()) as ProposalPageDto;
      let target: { id: string; number: string; total: number } | undefined;
      for (const item of realised.items.filter((candidate) => candidate.isPublished)) {
        const thanks = (await (await callApi(office, 'GET', `/api/proposals/${item.id}/thanks`)).json()) as {
          total: number;
        };
        if (thanks.total > 0) {
          target = { id: item.id, number: item.number, total: thanks.total };
          break;
        }
      }
      expect(target, 'a demo proposal with thanks').toBeDefined();

      const context = await newContext(holder.browser);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, '中村 花子', `/tab/proposals/${target!.id}`);
      const detail = proposalDetail(page);
      const thanks = detail.getByRole('region', { name: /^この提案から生まれたお礼/ });
      await thanks.waitFor();
      expect(await thanks.getByRole('listitem').count()).toBe(Math.min(target!.total, 100));
      await thanks.scrollIntoViewIfNeeded();
      await screenshot(thanks, 'thanks-list-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      await thanks.waitFor();
      await screenshot(thanks, 'thanks-list-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 420, height: 900 });
      await page.reload();
      await thanks.waitFor();
      await screenshot(thanks, 'thanks-list-narrow');

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto('/tab/dashboard?fiscalYear=2024');
      const stamps = page.getByRole('region', { name: 'アクションスタンプ' });
      await stamps.getByText('送られたスタンプ').waitFor();
      const aboutOnly = stamps.getByRole('switch', { name: '提案・重点案件へのお礼だけを数える' });
      await aboutOnly.click();
      await expect.poll(() => aboutOnly.isChecked()).toBe(true);
      // The kinds' table is in both views: wait for the narrowed one to have loaded.
      await stamps.getByText('読み込んでいます…').waitFor({ state: 'detached' });
      await stamps.getByRole('table', { name: '種類別のアクションスタンプ' }).waitFor();
      await stamps.scrollIntoViewIfNeeded();
      await screenshot(stamps, 'dashboard-stamps-about-proposals-light');
      await page.setViewportSize({ width: 420, height: 900 });
      await stamps.scrollIntoViewIfNeeded();
      await screenshot(stamps, 'dashboard-stamps-about-proposals-narrow');
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
