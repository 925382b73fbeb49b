import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProposalCommentDto } from '#shared/comment-api';
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
import { e2eEnvironment } from './support/environment';
import { proposalDetail } from './support/proposals-page';

const env = e2eEnvironment();

/**
 * Comments in the browser: 山口 太郎 comments on a published proposal (the counter counts), reports
 * a colleague's comment; the office opens 通報されたコメント, hides it with a reason; staff then see
 * only the notice, the office the body and the reason — light, dark and narrow (screenshots under
 * test-results/e2e/). Comments change no figure of the demo.
 */
describe.skipIf(env.skipReason)('コメント and 通報されたコメント', () => {
  const holder = useBrowser();

  const commentsOf = (page: Page) => proposalDetail(page).getByRole('region', { name: /^コメント/ });

  it('posts, reports, hides; staff see the notice, the office the audit', async () => {
    const office = await developmentToken('萩原 健一');
    const hanako = await developmentToken('中村 花子');
    const page1 = (await (
      await callApi(office, 'GET', '/api/proposals?fiscalYear=2024&sort=number&direction=desc&pageSize=50')
    ).json()) as ProposalPageDto;
    const target = page1.items.find(
      (item) =>
        item.isPublished &&
        !['山口 太郎', '中村 花子'].includes(item.proposer?.displayName ?? item.proposerName),
    )!;
    expect(target).toBeDefined();
    const post = async (token: string, body: string) => {
      const response = await callApi(token, 'POST', `/api/proposals/${target.id}/comments`, { body });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as ProposalCommentDto;
    };
    await post(hanako, 'うちの課でも同じ課題があります。実現を楽しみにしています。');
    const rude = await post(hanako, '（不適切な書き込みの例）この提案を出した人は仕事をしていない。');

    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '山口 太郎', `/tab/proposals/${target.id}`);
    const comments = commentsOf(page);
    await comments.getByText('うちの課でも同じ課題があります').waitFor();
    await comments
      .getByLabel('コメントを書く')
      .fill('窓口でも試してみたいです。\n手順書があれば共有してください。');
    await comments.getByText('30 / 1000文字').waitFor();
    await comments.getByRole('button', { name: 'コメントする' }).click();
    await comments.getByText('窓口でも試してみたいです。').waitFor();
    await page.getByText('コメントしました。').first().waitFor();

    // 通報 on the colleague's rude comment: a dialog with the reason.
    const rudeItem = comments.getByRole('article').filter({ hasText: '不適切な書き込みの例' });
    await rudeItem.getByRole('button', { name: '通報' }).click();
    const dialog = page.getByRole('dialog', { name: 'コメントを通報する' });
    await dialog.getByRole('button', { name: '通報する' }).click();
    await dialog.getByText('通報の理由を入力してください。').waitFor();
    await dialog.getByRole('textbox').fill('提案者を中傷する内容です。');
    await screenshot(page, 'comments-report-dialog-light');
    await dialog.getByRole('button', { name: '通報する' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rudeItem.getByText('通報済み').waitFor();
    await screenshot(comments, 'comments-staff-light');
    expect(errors).toEqual([]);

    // The office: 通報されたコメント lists it; 非表示にする with a reason.
    const officeContext = await newContext(holder.browser);
    const officePage = await officeContext.newPage();
    const officeErrors = collectPageErrors(officePage);
    await signInAs(officePage, '萩原 健一', '/tab/proposals');
    await officePage.getByRole('button', { name: '通報されたコメント' }).click();
    await officePage.waitForURL('**/tab/comment-reports');
    const report = officePage.getByRole('region', { name: `${target.number}へのコメントの通報` });
    await report.getByText('提案者を中傷する内容です。').waitFor();
    await screenshot(officePage, 'comment-reports-light');
    await officePage.emulateMedia({ colorScheme: 'dark' });
    await officePage.reload();
    await report.getByText('提案者を中傷する内容です。').waitFor();
    await screenshot(officePage, 'comment-reports-dark');
    await officePage.emulateMedia({ colorScheme: 'light' });
    await officePage.setViewportSize({ width: 420, height: 900 });
    await officePage.reload();
    await report.getByText('提案者を中傷する内容です。').waitFor();
    await screenshot(officePage, 'comment-reports-narrow');
    await officePage.setViewportSize({ width: 1280, height: 900 });
    const hide = officePage.getByRole('dialog', { name: 'コメントを非表示にする' });
    // The viewport just changed back: a click while the list re-lays out can land on nothing, so
    // click again (at most three times) until the dialog is there.
    for (let attempt = 1; ; attempt += 1) {
      await report.getByRole('button', { name: '非表示にする' }).click();
      if (
        await hide.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      if (attempt === 3) throw new Error('the 非表示にする dialog did not open');
    }
    await hide.getByRole('textbox').fill('職員への中傷にあたるため');
    await hide.getByRole('button', { name: '非表示にする' }).click();
    await officePage.getByText('未対応の通報はありません').waitFor();
    await officePage.emulateMedia({ colorScheme: 'dark' });
    await officePage.goto(`/tab/proposals/${target.id}`);
    const officeComments = commentsOf(officePage);
    await officeComments.getByText('非表示の理由: 職員への中傷にあたるため', { exact: false }).waitFor();
    await screenshot(officeComments, 'comments-office-dark');
    expect(officeErrors).toEqual([]);
    await officeContext.close();

    // Staff: only the notice, in light, dark and narrow.
    const stored = (await (await callApi(hanako, 'GET', `/api/proposals/${target.id}/comments`)).json()) as {
      items: ProposalCommentDto[];
    };
    expect(stored.items.find((item) => item.id === rude.id)).toMatchObject({ hidden: true, body: null });
    await page.reload();
    await comments.getByText('このコメントは推進室により非表示にされました').waitFor();
    expect(await comments.textContent()).not.toContain('不適切な書き込みの例');
    await screenshot(comments, 'comments-hidden-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await comments.getByText('このコメントは推進室により非表示にされました').waitFor();
    await screenshot(comments, 'comments-hidden-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.reload();
    await comments.getByText('このコメントは推進室により非表示にされました').waitFor();
    await screenshot(comments, 'comments-narrow');
    await page.goto('/tab/comment-reports');
    await page.getByText('この画面は推進室・管理者のみが使えます').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
