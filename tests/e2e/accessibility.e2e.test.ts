import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentToken, newContext, screenshot, signInAs, useBrowser } from './support/browser';
import { scanAccessibility, seriousViolations } from './support/axe';
import { e2eEnvironment } from './support/environment';
import { findProposal, openProposalFromList, openProposalsPage } from './support/proposals-page';

const env = e2eEnvironment();

/** Waits until the page's data has arrived: no spinner, no request in flight. */
const settle = async (page: Page, heading: string) => {
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByText('読み込んでいます').count()).toBe(0);
};

/** Moderate and minor findings are listed in the log (and the JSON artifact), not failed on. */
const report = (page: string, violations: Awaited<ReturnType<typeof scanAccessibility>>) => {
  for (const violation of violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical')
      console.info(`axe ${page}: ${violation.impact} ${violation.id} (${violation.nodes.length})`);
  }
  return seriousViolations(violations);
};

describe.skipIf(env.skipReason)('accessibility (axe-core): no serious or critical violations', () => {
  const holder = useBrowser();
  let page: Page;

  beforeAll(async () => {
    // The office member sees the most controls. CSP bypassed only so axe can be injected.
    const context = await newContext(holder.browser, { bypassCSP: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('開発用サインイン', async () => {
    await page.goto('/tab/');
    await page.getByRole('list', { name: 'デモ利用者' }).waitFor();
    expect(report('sign-in', await scanAccessibility(page, 'sign-in'))).toEqual([]);
  });

  it('ダッシュボード', async () => {
    await signInAs(page, '萩原 健一', '/tab/dashboard?fiscalYear=2024');
    await settle(page, 'ダッシュボード');
    await screenshot(page, 'a11y-dashboard');
    expect(report('dashboard', await scanAccessibility(page, 'dashboard'))).toEqual([]);
  });

  it('提案一覧 with a proposal open', async () => {
    const proposal = await findProposal(await developmentToken('萩原 健一'));
    await page.goto('/tab/dashboard');
    await openProposalsPage(page);
    await openProposalFromList(page, proposal.number);
    await settle(page, '提案一覧');
    await screenshot(page, 'a11y-proposals');
    expect(report('proposals', await scanAccessibility(page, 'proposals'))).toEqual([]);
  });

  it('重点案件', async () => {
    await page.goto('/tab/projects?fiscalYear=2024');
    await settle(page, '重点案件');
    await screenshot(page, 'a11y-projects');
    expect(report('projects', await scanAccessibility(page, 'projects'))).toEqual([]);
  });

  it('マイ提案', async () => {
    await page.goto('/tab/my');
    await settle(page, 'マイ提案');
    await screenshot(page, 'a11y-my');
    expect(report('my', await scanAccessibility(page, 'my'))).toEqual([]);
  });

  it('分類・スタンプ, with the stamp dialog open', async () => {
    await page.goto('/tab/master-data');
    await settle(page, '分類・スタンプ');
    await page
      .getByRole('table', { name: '分類の変更履歴' })
      .or(page.getByText('変更履歴はまだありません').first())
      .first()
      .waitFor();
    await screenshot(page, 'a11y-master-data');
    expect(report('master-data', await scanAccessibility(page, 'master-data'))).toEqual([]);
    await page.getByRole('button', { name: 'スタンプを追加' }).click();
    await page.getByRole('dialog', { name: 'スタンプを追加' }).waitFor();
    await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running')`);
    expect(report('master-data-dialog', await scanAccessibility(page, 'master-data-dialog'))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('提案集を作る, with the collection grouped by category', async () => {
    await page.goto('/tab/collection/2024?breaks=category');
    await settle(page, '提案集を作る');
    await page.getByRole('heading', { level: 1, name: '令和6年度 職員提案集' }).waitFor();
    expect(report('collection', await scanAccessibility(page, 'collection'))).toEqual([]);
  });

  it('権限管理 (admin), with the role dialog open', async () => {
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await signInAs(page, '岩国 誠', '/tab/roles');
    await settle(page, '権限管理');
    await page.getByRole('table', { name: '権限の変更履歴' }).waitFor();
    await screenshot(page, 'a11y-roles');
    expect(report('roles', await scanAccessibility(page, 'roles'))).toEqual([]);
    await page.getByRole('button', { name: '萩原 健一さんの権限を変更' }).click();
    await page.getByRole('dialog', { name: '権限の変更' }).waitFor();
    // Scan the dialog as people see it, after its fade-in (a half-transparent dialog has other contrasts).
    // (A string: the browser's own code; these tests are compiled without the DOM types.)
    await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running')`);
    await screenshot(page, 'a11y-roles-dialog');
    expect(report('roles-dialog', await scanAccessibility(page, 'roles-dialog'))).toEqual([]);
  });

  it('組織 and 職員 (admin)', async () => {
    await page.goto('/tab/org');
    await settle(page, '組織');
    await page.getByRole('table', { name: '組織', exact: true }).waitFor();
    await screenshot(page, 'a11y-org');
    expect(report('org', await scanAccessibility(page, 'org'))).toEqual([]);
    await page.goto('/tab/staff');
    await settle(page, '職員');
    await page.getByRole('table', { name: '職員', exact: true }).waitFor();
    await screenshot(page, 'a11y-staff');
    expect(report('staff', await scanAccessibility(page, 'staff'))).toEqual([]);
  });

  it('通報されたコメント (admin)', async () => {
    await page.goto('/tab/comment-reports');
    await settle(page, '通報されたコメント');
    await screenshot(page, 'a11y-comment-reports');
    expect(report('comment-reports', await scanAccessibility(page, 'comment-reports'))).toEqual([]);
  });
});
