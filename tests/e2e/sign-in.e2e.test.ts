import { describe, expect, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, signInButtonName, useBrowser } from './support/browser';
import { e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

describe.skipIf(env.skipReason)('development sign-in', () => {
  const holder = useBrowser();

  it('lists the demo personas, signs one in and out again', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto('/tab/');
    // The persona page is a lazy chunk (never needed inside Teams): it shows once that has loaded.
    await page.getByRole('heading', { level: 1, name: '開発用サインイン' }).waitFor();
    const personas = page.getByRole('list', { name: 'デモ利用者' });
    await personas.waitFor();
    for (const name of ['山口 太郎', '萩原 健一', '岩国 誠']) {
      await expect(personas.getByRole('button', { name: signInButtonName(name) }).count()).resolves.toBe(1);
    }
    await screenshot(page, 'sign-in-personas');

    await page.getByRole('button', { name: signInButtonName('山口 太郎') }).click();
    const header = page.getByRole('banner');
    await header.getByText('山口 太郎').waitFor();
    // Staff only: no 推進室 badge next to the name.
    await expect(header.getByText('推進室').count()).resolves.toBe(0);
    await page.waitForURL('**/tab/dashboard');
    await page
      .getByRole('navigation', { name: 'ページ' })
      .getByRole('tab', { name: 'ダッシュボード' })
      .waitFor();
    await screenshot(page, 'sign-in-signed-in');

    // The token survives a reload (kept by the tab), and signing out returns to the persona list.
    await page.reload();
    await header.getByText('山口 太郎').waitFor();
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('heading', { level: 1, name: '開発用サインイン' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
