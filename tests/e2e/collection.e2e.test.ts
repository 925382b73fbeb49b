import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CollectionDto, DashboardDto } from '#shared';
import {
  callApi,
  choose,
  collectPageErrors,
  developmentToken,
  newContext,
  rowCells,
  signInAs,
  useBrowser,
} from './support/browser';
import { artifactsDir, e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

/** The text of each page of a PDF (pdftotext puts a form feed after every page). */
const pdfPages = (path: string): string[] =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1);

const pdfPageCount = (path: string): number =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);

/** The first line of a page with text on it, spaces squeezed. */
const firstLine = (page: string): string =>
  (page.split('\n').find((line) => line.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');

/** Pages of a PDF as PNG at 60 dpi (`<prefix>-1.png` …), to look at. */
const toPngs = (pdf: string, prefix: string, last: number) =>
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(last), pdf, prefix]);

/** What the window shows (the document below is hundreds of pages long: never the full page). */
const viewShot = (page: Page, name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });

/** Prints the page as Chromium's PDF (A4, the page's own @page rules) into test-results/e2e/. */
const printPdf = async (page: Page, name: string): Promise<string> => {
  const path = join(artifactsDir, `${name}.pdf`);
  await page.pdf({ path, format: 'A4', preferCSSPageSize: true });
  return path;
};

/**
 * 提案集 in Chromium: the office opens 「提案集を作る」 from the dashboard, downloads the Excel
 * workbook, and prints the collection to PDF with a page per proposal and with a page per category.
 * The PDFs are checked through their text (pdftotext) and turned into PNGs (pdftoppm) to look at;
 * the builder is screenshotted in light, dark and narrow views.
 */
describe.skipIf(env.skipReason)('提案集', () => {
  const holder = useBrowser();

  it('builds FY2024’s collection from the dashboard, as a workbook and as an A4 PDF', async () => {
    const context = await newContext(holder.browser, { acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '萩原 健一', '/tab/dashboard');
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
    await choose(page, '年度', '令和6年度');
    await page.waitForURL(/fiscalYear=2024/);
    await page.getByRole('table', { name: '提案の状況' }).waitFor();
    await viewShot(page, 'collection-dashboard-link');
    await page.getByRole('link', { name: '提案集を作る' }).click();
    await page.waitForURL(/\/tab\/collection\/2024$/);
    await page.getByRole('heading', { level: 1, name: '令和6年度 職員提案集' }).waitFor();

    // The cover's table is the dashboard's, as the plan prints it (全体件数 first).
    const token = await developmentToken('萩原 健一');
    const dashboard = (await (
      await callApi(token, 'GET', '/api/dashboard?fiscalYear=2024')
    ).json()) as DashboardDto;
    const collection = (await (await callApi(token, 'GET', '/api/collection/2024')).json()) as CollectionDto;
    const table = page.getByRole('table', { name: '職員提案 実現・検討状況' });
    const rows = await Promise.all((await table.getByRole('row').all()).map((row) => rowCells(row)));
    const { statusTable } = dashboard;
    expect(rows).toEqual([
      ['区分', '件数', '割合'],
      ['全体件数', statusTable.total.toLocaleString('ja-JP'), '100.0%'],
      ...statusTable.rows.map((row) => [
        row.label,
        row.count.toLocaleString('ja-JP'),
        `${row.share.toFixed(1)}%`,
      ]),
    ]);
    const listed = collection.entries.length;
    expect(listed).toBeGreaterThan(10);
    await page.getByText(`掲載する提案: ${listed.toLocaleString('ja-JP')}件`).waitFor();
    await viewShot(page, 'collection-builder-light');

    // The workbook, downloaded through the button, holds the same proposals.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Excelをダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('職員提案集_R6.xlsx');
    const workbook = new ExcelJS.Workbook();
    const saved = join(artifactsDir, 'collection-download.xlsx');
    await download.saveAs(saved);
    await workbook.xlsx.load((await readFile(saved)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['提案一覧', '状況集計']);
    expect(workbook.getWorksheet('提案一覧')!.rowCount).toBe(listed + 2);

    // A page per proposal: the cover, then every proposal starting a page of its own.
    await mkdir(artifactsDir, { recursive: true });
    const perProposal = await printPdf(page, 'collection-per-proposal');
    const proposalPages = pdfPages(perProposal);
    expect(pdfPageCount(perProposal)).toBe(proposalPages.length);
    expect(proposalPages.length).toBeGreaterThan(listed);
    expect(proposalPages[0]).toContain('令和6年度 職員提案集');
    expect(proposalPages[0]).toContain(`全体件数`);
    expect(proposalPages[0]).toContain(String(statusTable.total));
    const pageStarts = proposalPages.map(firstLine);
    for (const entry of collection.entries.slice(0, 5)) {
      expect(
        pageStarts.some((line) => line.startsWith(entry.number)),
        entry.number,
      ).toBe(true);
    }
    await rm(join(artifactsDir, 'collection-per-proposal-page'), { force: true, recursive: true });
    toPngs(perProposal, join(artifactsDir, 'collection-per-proposal-page'), 3);

    // A page per category: each category's heading starts a page, its proposals follow one another.
    await page.getByRole('radio', { name: '分類ごとに改ページ' }).click();
    await page.waitForURL(/breaks=category/);
    const categories = collection.categories.filter((category) =>
      collection.entries.some((entry) => entry.categoryCode === category.code),
    );
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${categories[0]!.label}`) }).waitFor();
    const perCategory = await printPdf(page, 'collection-per-category');
    const categoryPages = pdfPages(perCategory);
    expect(categoryPages.length).toBeGreaterThan(categories.length);
    expect(categoryPages.length).toBeLessThan(proposalPages.length);
    const categoryStarts = categoryPages.map(firstLine);
    for (const category of categories) {
      const count = collection.entries.filter((entry) => entry.categoryCode === category.code).length;
      expect(categoryStarts, category.label).toContain(`${category.label} ${count}件`);
    }
    // A proposal that fits on a page is never split: every page starts with a category or a proposal.
    const headings = categories.map(
      (category) =>
        `${category.label} ${collection.entries.filter((entry) => entry.categoryCode === category.code).length}件`,
    );
    expect(
      categoryStarts.slice(1).filter((line) => !/^R6-\d{4} /.test(line) && !headings.includes(line)),
    ).toEqual([]);
    toPngs(perCategory, join(artifactsDir, 'collection-per-category-page'), 4);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks right in the dark theme and on a narrow screen; staff are told it is the office’s', async () => {
    for (const [name, options] of [
      ['collection-builder-dark', { colorScheme: 'dark' as const }],
      ['collection-builder-narrow', { viewport: { width: 390, height: 844 } }],
    ] as const) {
      const context = await newContext(holder.browser, options);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, '萩原 健一', '/tab/collection/2024?breaks=category');
      await page.getByRole('heading', { level: 1, name: '令和6年度 職員提案集' }).waitFor();
      await viewShot(page, name);
      expect(errors).toEqual([]);
      await context.close();
    }

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    await signInAs(page, '山口 太郎', '/tab/dashboard?fiscalYear=2024');
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
    await page.getByRole('table', { name: '提案の状況' }).waitFor();
    expect(await page.getByRole('link', { name: '提案集を作る' }).count()).toBe(0);
    await page.goto('/tab/collection/2024');
    await page.getByText('提案集は推進室だけが作成できます。').waitFor();
    await viewShot(page, 'collection-staff-refused');
    await context.close();
  });
});
