import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProposalPageDto } from '#shared/tab-api';
import {
  callApi,
  collectPageErrors,
  developmentToken,
  newContext,
  signInAs,
  useBrowser,
} from './support/browser';
import { artifactsDir, e2eEnvironment } from './support/environment';
import { proposalDetail } from './support/proposals-page';

const env = e2eEnvironment();

const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
};

/**
 * A 所管課 liaison in the browser: the admin makes 中村 花子 (staff) the liaison of the 所管課 of an
 * open proposal; signed in, she lands in 自分の課, opens that proposal, adds an internal note and
 * saves a draft of the answer — in light, dark and narrow views (screenshots under test-results/e2e/).
 */
describe.skipIf(env.skipReason)('a liaison’s 提案一覧', () => {
  const holder = useBrowser();

  it('starts in 自分の課, opens a proposal, adds a note and a draft; the office approves it', async () => {
    const admin = await developmentToken('岩国 誠');
    const office = await developmentToken('萩原 健一');
    const liaison = await developmentToken('中村 花子');
    // A proposal of today's fiscal year, taken in through the office's CSV import with a 所管課 from the
    // demo: approving a draft on one of the demo's FY2024 proposals would change the figures the
    // dashboard scenario checks.
    const demo = (await (
      await callApi(office, 'GET', '/api/proposals?status=under_consideration&pageSize=20')
    ).json()) as ProposalPageDto;
    const division = demo.items.find((item) => item.responsibleDivision)!.responsibleDivision!;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const imported = await fetch(`${env.baseUrl}/api/proposals/import?dryRun=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${office}`, 'content-type': 'text/csv' },
      body: [
        '提出日,件名,提案内容,分類,提案者,所管課,状況',
        `${today},庁内照会の回答様式の統一,照会ごとに異なる回答様式を統一する。,業務の効率化,山口 太郎,${division.name},検討中`,
      ].join('\r\n'),
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const [number] = ((await imported.json()) as { numbers: string[] }).numbers;
    const page1 = (await (
      await callApi(office, 'GET', `/api/proposals?q=${encodeURIComponent(number!)}`)
    ).json()) as ProposalPageDto;
    const target = page1.items[0]!;
    expect(target.responsibleDivision).not.toBeNull();
    const me = (await (await callApi(liaison, 'GET', '/api/me')).json()) as { id: string };
    const assigned = await callApi(admin, 'PUT', `/api/admin/users/${me.id}/liaison-divisions`, {
      divisionIds: [target.responsibleDivision!.id],
    });
    expect(assigned.status).toBe(200);

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '中村 花子', '/tab/proposals');
    const tabs = page.getByRole('tablist', { name: '作業キュー' });
    await tabs.waitFor();
    await page.waitForURL('**/tab/proposals?queue=my_division');
    expect(await tabs.getByRole('tab', { name: /^自分の課/ }).getAttribute('aria-selected')).toBe('true');
    const grid = page.getByRole('grid', { name: '提案一覧' });
    await grid.getByRole('row').filter({ hasText: target.number }).first().waitFor();
    await screenshot(page, 'liaison-list-light');

    await grid.getByRole('row').filter({ hasText: target.number }).first().click();
    const detail = proposalDetail(page);
    const work = detail.getByRole('region', { name: /^所管課・推進室の作業/ });
    await work.waitFor();
    await work.getByLabel('内部メモを追加').fill('来年度のシステム更新で対応できる見込み');
    await work.getByRole('button', { name: 'メモを残す' }).click();
    await page.getByText('内部メモを残しました。').first().waitFor();
    await work.getByLabel('状態の案').selectOption('settled');
    await work.getByLabel('回答案', { exact: true }).fill('来年度のシステム更新に合わせて実施します。');
    await work.getByRole('button', { name: '回答案を保存' }).click();
    await work.getByText(/推進室の承認待ち/).waitFor();
    await screenshot(page, 'liaison-detail-light');
    const draft = (await (await callApi(office, 'GET', `/api/proposals/${target.id}/draft`)).json()) as {
      draft: { status: string; answer: string } | null;
    };
    expect(draft.draft).toMatchObject({
      status: 'settled',
      answer: '来年度のシステム更新に合わせて実施します。',
    });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await detail.getByText(/推進室の承認待ち/).waitFor();
    await screenshot(page, 'liaison-detail-dark');

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await detail.getByText(/推進室の承認待ち/).waitFor();
    await screenshot(page, 'liaison-detail-narrow');
    expect(errors).toEqual([]);
    await context.close();

    // The office finds it in 承認待ち and approves the draft: the proposal takes its status and answer.
    const officeContext = await newContext(holder.browser);
    const officePage = await officeContext.newPage();
    await signInAs(officePage, '萩原 健一', '/tab/proposals?queue=awaiting_approval');
    const officeGrid = officePage.getByRole('grid', { name: '提案一覧' });
    await officeGrid.getByRole('row').filter({ hasText: target.number }).first().click();
    const waiting = proposalDetail(officePage).getByRole('region', { name: /^所管課・推進室の作業/ });
    await waiting.waitFor();
    await waiting.scrollIntoViewIfNeeded();
    await screenshot(officePage, 'office-draft-approval-light');
    await waiting.getByRole('button', { name: '回答案を承認して提案者に伝える' }).click();
    await officePage.getByText('回答案を承認し、提案者に伝えました。').first().waitFor();
    const approved = (await (await callApi(office, 'GET', `/api/proposals/${target.id}`)).json()) as {
      status: string;
      answer: string;
    };
    expect(approved).toMatchObject({
      status: 'settled',
      answer: '来年度のシステム更新に合わせて実施します。',
    });
    await officeContext.close();
  });
});
