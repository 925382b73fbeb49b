import { describe, expect, it } from 'vitest';
import {
  callApi,
  collectPageErrors,
  developmentToken,
  fieldLabel,
  newContext,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

const fiscalYearLabel = (year: number) => `令和${year - 2018}年度`;

/**
 * A newcomer's first look at the demo (its data is 令和6年度, the clock is later): the dashboard and
 * 重点案件 open on the latest year with data, say so, and show the R6重点案件's progress. Light, dark
 * and narrow screenshots.
 */
describe.skipIf(env.skipReason)('the first look at the demo', () => {
  const holder = useBrowser();

  it('opens the dashboard and 重点案件 on the latest year with data and shows the projects under way', async () => {
    const years = (await (
      await callApi(await developmentToken('山口 太郎'), 'GET', '/api/fiscal-years')
    ).json()) as { currentFiscalYear: number; defaultFiscalYear: number };
    for (const [name, options] of [
      ['first-look-light', {}],
      ['first-look-dark', { colorScheme: 'dark' as const }],
      ['first-look-narrow', { viewport: { width: 390, height: 844 } }],
    ] as const) {
      const context = await newContext(holder.browser, options);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, '萩原 健一', '/tab/dashboard');
      await page.getByRole('table', { name: '提案の状況' }).waitFor();
      const year = page.getByRole('combobox', { name: '年度' });
      await expect.poll(() => year.inputValue()).toBe(String(years.defaultFiscalYear));
      if (years.defaultFiscalYear !== years.currentFiscalYear) {
        await page
          .getByText(
            `${fiscalYearLabel(years.currentFiscalYear)}の提案・スタンプはまだないため、データのある最新の${fiscalYearLabel(years.defaultFiscalYear)}を表示しています。`,
            { exact: false },
          )
          .waitFor();
      }
      await page.screenshot({ path: `test-results/e2e/${name}-dashboard.png`, fullPage: true });

      await page.goto('/tab/projects');
      await page.getByRole('progressbar', { name: '進捗 100%' }).waitFor();
      await page.getByRole('progressbar', { name: '進捗 60%' }).waitFor();
      await screenshot(page, `${name}-projects`);
      await page.screenshot({ path: `test-results/e2e/${name}-projects-full.png`, fullPage: true });

      // 提案一覧: the year picker offers the years with data and the current one; the office's queue of
      // proposals without a division is one filter away.
      await page.goto('/tab/proposals');
      await page.getByRole('grid', { name: '提案一覧' }).waitFor();
      if (name === 'first-look-narrow') await page.getByRole('button', { name: /^絞り込み/ }).click();
      const yearOptions = await page.getByLabel(fieldLabel('年度')).locator('option').allTextContents();
      expect(yearOptions).toEqual(
        [...new Set([years.currentFiscalYear, years.defaultFiscalYear])]
          .sort((a, b) => b - a)
          .reduce((labels, year) => [...labels, fiscalYearLabel(year)], ['すべて']),
      );
      if (years.defaultFiscalYear !== years.currentFiscalYear) {
        await page
          .getByText(`${fiscalYearLabel(years.currentFiscalYear)}の提案はまだないため`, { exact: false })
          .waitFor();
      }
      expect(await page.getByLabel(fieldLabel('年度')).inputValue()).toBe(String(years.defaultFiscalYear));
      await page.screenshot({ path: `test-results/e2e/${name}-proposals.png`, fullPage: true });
      await page.getByLabel(fieldLabel('提案者の所属')).selectOption({ label: '（所属未設定）' });
      await page.waitForURL(/proposerDivisionId=none/);
      // The demo's staff all have a division: the queue is empty.
      await page.getByText('条件に合う提案はありません').waitFor();
      await page.screenshot({ path: `test-results/e2e/${name}-proposals-unset.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
