import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalPageDto } from '#shared/tab-api';
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
import { openProposalFromList, openProposalsPage } from './support/proposals-page';

const env = e2eEnvironment();

/** The total the list shows (「全 N 件中 …」). */
const shownTotal = async (page: Page): Promise<number> => {
  const text = await page
    .getByText(/全 [\d,]+ 件/)
    .first()
    .textContent();
  return Number(/全 ([\d,]+) 件/.exec(text ?? '')![1]!.replace(/,/g, ''));
};

describe.skipIf(env.skipReason)('work queues, 定型回答, correcting and withdrawing in Chromium', () => {
  const holder = useBrowser();

  it('the office opens each queue: its count is the list’s total (light, dark, narrow)', async () => {
    const token = await developmentToken('萩原 健一');
    const counts = (await (await callApi(token, 'GET', '/api/proposals/queues')).json()) as {
      items: { key: string; label: string; count: number }[];
    };
    expect(counts.items.map((item) => item.label)).toEqual([
      '未回答',
      '所管課未定',
      '所管課の回答待ち',
      '承認待ち',
      '再検討時期が到来',
      '30日以上更新なし',
    ]);
    for (const scheme of ['light', 'dark'] as const) {
      const context = await newContext(holder.browser, { colorScheme: scheme });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, '萩原 健一');
      await openProposalsPage(page);
      const tabs = page.getByRole('tablist', { name: '作業キュー' });
      for (const item of scheme === 'light' ? counts.items : counts.items.slice(0, 1)) {
        await tabs.getByRole('tab', { name: `${item.label} ${item.count}件` }).click();
        await page.waitForURL(`**/tab/proposals?queue=${item.key}`);
        if (item.count > 0) await expect.poll(() => shownTotal(page)).toBe(item.count);
      }
      await screenshot(page, `queues-office-${scheme}`);
      expect(errors).toEqual([]);
      await context.close();
    }
    const narrow = await newContext(holder.browser, { viewport: { width: 390, height: 844 } });
    const page = await narrow.newPage();
    await signInAs(page, '萩原 健一', '/tab/proposals?queue=revisit_due');
    await page.getByRole('tablist', { name: '作業キュー' }).waitFor();
    await screenshot(page, 'queues-office-narrow');
    await narrow.close();
  });

  it('the office adds a 定型回答 and picks it in the status dialog, filled in for the proposal', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '萩原 健一');
    await openProposalsPage(page);
    await page.getByRole('button', { name: '定型回答の管理' }).click();
    await page.getByRole('button', { name: '新しい定型回答' }).click();
    const title = `E2E その他（法令） ${Date.now()}`;
    await page.getByLabel(fieldLabel('名前')).fill(title);
    await page
      .getByLabel(fieldLabel('本文'))
      .fill('{提案番号}は、法令上の制約により現時点では実施が困難です。');
    await screenshot(page, 'answer-templates-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('list', { name: '定型回答' }).getByText(title).waitFor();
    await screenshot(page, 'answer-templates-list');
    await page.getByRole('button', { name: '閉じる' }).click();

    const token = await developmentToken('萩原 健一');
    const [proposal] = (
      (await (
        await callApi(token, 'GET', '/api/proposals?fiscalYear=2024&status=under_consideration&pageSize=1')
      ).json()) as ProposalPageDto
    ).items;
    const detail = await openProposalFromList(page, proposal!.number);
    await detail.getByRole('button', { name: '状態を変更' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: '保存' }) });
    await dialog.getByLabel('定型回答').selectOption({ label: title });
    await expect
      .poll(() => dialog.getByLabel(fieldLabel('回答')).inputValue())
      .toBe(`${proposal!.number}は、法令上の制約により現時点では実施が困難です。`);
    await screenshot(page, 'answer-templates-picked');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a proposer (山口 太郎) corrects a 受付 proposal and withdraws it from マイ提案', async () => {
    // A proposal of today's fiscal year, taken in through the office's CSV import: withdrawing one of
    // the demo's FY2024 proposals would change the figures the dashboard scenario checks.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const csv = [
      '提出日,件名,提案内容,分類,提案者,提案者メール',
      `${today},押印欄のない様式への統一,申請様式の押印欄をなくし、電子申請に揃える。,ペーパレス化,山口 太郎,taro.yamaguchi@demo.example.jp`,
    ].join('\r\n');
    const imported = await fetch(`${env.baseUrl}/api/proposals/import?dryRun=false`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await developmentToken('萩原 健一')}`,
        'content-type': 'text/csv',
      },
      body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const [number] = ((await imported.json()) as { numbers: string[] }).numbers;
    const token = await developmentToken('山口 太郎');
    const response = await callApi(token, 'GET', `/api/proposals?mine=true&q=${encodeURIComponent(number!)}`);
    const [own] = ((await response.json()) as ProposalPageDto).items as ProposalDto[];
    expect(own, 'the imported proposal is 山口 太郎’s').toMatchObject({ number, status: 'received' });

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎', `/tab/my?proposal=${own!.id}`);
    const detail = page
      .getByRole('region', { name: '提案の詳細' })
      .or(page.getByRole('dialog', { name: '提案の詳細' }));
    await detail.getByRole('button', { name: '内容を修正' }).click();
    const corrected = `${own!.title}（修正）`.slice(0, 100);
    await page.getByLabel(fieldLabel('件名')).fill(corrected);
    await screenshot(page, 'my-proposal-edit');
    await page.getByRole('button', { name: '修正を保存' }).click();
    await page.getByText('内容を修正しました。').first().waitFor();
    await detail.getByRole('heading', { name: corrected }).waitFor();

    await detail.getByRole('button', { name: '取り下げる' }).click();
    const confirm = page.getByRole('dialog', { name: 'この提案を取り下げる' });
    await confirm.getByLabel(fieldLabel('コメント（任意）')).fill('E2E: 別の提案にまとめます');
    await screenshot(page, 'my-proposal-withdraw');
    await confirm.getByRole('button', { name: '取り下げる' }).click();
    await page.getByText('提案を取り下げました。').first().waitFor();
    await screenshot(page, 'my-proposal-withdrawn');

    const after = (await (await callApi(token, 'GET', `/api/proposals/${own!.id}`)).json()) as ProposalDto;
    expect(after).toMatchObject({ title: corrected, status: 'withdrawn' });
    const history = (await (await callApi(token, 'GET', `/api/proposals/${own!.id}/history`)).json()) as {
      items: { action: string }[];
    };
    expect(history.items.slice(-2).map((entry) => entry.action)).toEqual(['updated', 'withdrawn']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
