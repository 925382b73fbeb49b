import { describe, expect, it } from 'vitest';
import {
  choose,
  collectPageErrors,
  newContext,
  rowCells,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

describe.skipIf(env.skipReason)('dashboard', () => {
  const holder = useBrowser();

  it("shows FY2024's status table of the demo seed to a staff member: 648 = 191 / 377 / 80", async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎', '/tab/dashboard');
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();

    await choose(page, '年度', '令和6年度');
    await page.waitForURL(/fiscalYear=2024/);
    const table = page.getByRole('table', { name: '提案の状況' });
    const rows = table.getByRole('row');
    // The three groups and 合計: the figures the plan publishes, the share formatted from the server's.
    const bodyRows = async () =>
      Promise.all((await rows.all()).slice(1).map(async (row) => (await rowCells(row)).slice(0, 3)));
    await expect
      .poll(async () => (await bodyRows()).slice(0, 3))
      .toEqual([
        ['実現完了（又は見込み）', '191', '29.5%'],
        ['検討中等', '377', '58.2%'],
        ['その他', '80', '12.3%'],
      ]);
    const total = (await bodyRows())[3];
    expect(total?.slice(0, 2)).toEqual(['合計', '648']);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-staff-fy2024');

    expect(errors).toEqual([]);
    await context.close();
  });
});
