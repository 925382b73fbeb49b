import { describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { collectPageErrors, newContext, signInAs, useBrowser } from './support/browser';
import { artifactsDir, e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

/** The whole page (these pages are long), under test-results/e2e/. */
const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
};

/**
 * 組織 and 職員 in the browser as the demo's admin: the organisation chart of the demo prefecture
 * (部局 with their 課), a rename through the dialog, and the pages in light, dark and narrow views
 * (screenshots under test-results/e2e/).
 */
describe.skipIf(env.skipReason)('organisation pages', () => {
  const holder = useBrowser();

  it('shows the organisation chart to an admin, renames a division, in light, dark and narrow views', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '岩国 誠', '/tab/org');
    await page.getByRole('heading', { level: 1, name: '組織' }).waitFor();
    const table = page.getByRole('table', { name: '組織' });
    await table
      .getByRole('row', { name: /総務部/ })
      .first()
      .waitFor();
    await screenshot(page, 'org-light');

    await page.getByRole('button', { name: '税務課を編集' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('組織名').fill('税務企画課');
    await dialog.getByLabel('理由').fill('組織改編');
    await page.waitForTimeout(500); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'org-edit-dialog');
    await dialog.getByRole('button', { name: '保存する' }).click();
    await page.getByText('「税務企画課」を保存しました。').waitFor();
    await expect
      .poll(async () => page.getByRole('table', { name: '変更履歴' }).innerText())
      .toContain('名称: 税務課 → 税務企画課');

    // The merge and CSV import dialogs, looked at and closed without changing anything.
    await page.getByRole('button', { name: '管財課をほかの組織に統合' }).click();
    await page.getByRole('dialog').getByLabel('統合先の組織').selectOption({ label: '総務部 › 財政課' });
    await page.waitForTimeout(500); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'org-merge-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();
    await page.getByRole('button', { name: 'CSV取込' }).click();
    await page
      .getByRole('dialog')
      .getByText('組織CSV（UTF-8 または Shift_JIS）を選んでください。', { exact: false })
      .waitFor();
    await page.waitForTimeout(500); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'org-import-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await table
      .getByRole('row', { name: /総務部/ })
      .first()
      .waitFor();
    await screenshot(page, 'org-dark');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await table
      .getByRole('row', { name: /総務部/ })
      .first()
      .waitFor();
    await screenshot(page, 'org-narrow');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(artifactsDir, 'org-narrow-top.png') });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists staff with their 所属 to an admin and corrects one with an effective date, in light, dark and narrow views', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '岩国 誠', '/tab/staff');
    await page.getByRole('heading', { level: 1, name: '職員', exact: true }).waitFor();
    const table = page.getByRole('table', { name: '職員', exact: true });
    await page.getByRole('searchbox').fill('山口 太郎');
    await table.getByRole('row', { name: /山口 太郎/ }).waitFor();
    await screenshot(page, 'staff-light');

    await page.getByRole('button', { name: '山口 太郎さんの所属を変更' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新しい所属').selectOption({ label: '総務部 › 総務課' });
    await dialog.getByLabel('発令日').fill('2024-10-01');
    await dialog.getByLabel('理由').fill('人事異動');
    await page.waitForTimeout(500); // the dialog's fade-in, for the screenshot only
    await screenshot(page, 'staff-dialog');
    await dialog.getByRole('button', { name: '変更する' }).click();
    await page.getByText('山口 太郎さんの所属を「総務課」に変更しました。').waitFor();
    await expect
      .poll(async () => page.getByRole('table', { name: '変更履歴' }).innerText())
      .toContain('発令日: 2024-10-01');

    // 所属未設定: the demo's people all have one, so the office's queue is empty.
    await page.getByRole('searchbox').fill('');
    await page.getByLabel('絞り込み').selectOption({ label: '所属未設定' });
    await page.getByText('該当する職員はいません').waitFor();
    await screenshot(page, 'staff-missing');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByRole('table', { name: '職員', exact: true }).waitFor();
    await screenshot(page, 'staff-dark');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await page.getByRole('table', { name: '職員', exact: true }).waitFor();
    await page.screenshot({ path: join(artifactsDir, 'staff-narrow.png') });

    expect(errors).toEqual([]);
    await context.close();
  });
});
