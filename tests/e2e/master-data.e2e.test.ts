import { describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  developmentToken,
  callApi,
  fieldLabel,
  newContext,
  screenshot,
  signInAs,
  useBrowser,
} from './support/browser';
import { e2eEnvironment } from './support/environment';

const env = e2eEnvironment();

/**
 * 分類・スタンプ in Chromium: the office adds a category, renames and retires it, adds a stamp kind;
 * each change reaches the server (the list and the API say so) and its 変更履歴. Light, dark and
 * narrow screenshots.
 */
describe.skipIf(env.skipReason)('分類・スタンプ', () => {
  const holder = useBrowser();

  it('lets the office manage categories and stamp kinds, with their history', async () => {
    const context = await newContext(holder.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAs(page, '萩原 健一', '/tab/dashboard');
    await page.getByRole('tab', { name: '分類・スタンプ' }).click();
    await page.getByRole('heading', { level: 1, name: '分類・スタンプ' }).waitFor();
    const categories = page.getByRole('table', { name: '分類', exact: true });
    await categories.getByRole('row', { name: /ペーパレス化/ }).waitFor();

    await page.getByRole('button', { name: '分類を追加' }).click();
    const add = page.getByRole('dialog', { name: '分類を追加' });
    await add.getByLabel(fieldLabel('分類名')).fill('テレワーク');
    await add.getByLabel(fieldLabel('コード')).fill('telework');
    await add.getByRole('button', { name: '保存' }).click();
    await page.getByText('「テレワーク」を追加しました。').waitFor();

    await page.getByRole('button', { name: '「テレワーク」を編集' }).click();
    const edit = page.getByRole('dialog', { name: '分類「テレワーク」を編集' });
    await edit.getByLabel(fieldLabel('分類名')).fill('柔軟な勤務');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByText('「柔軟な勤務」を保存しました。').waitFor();
    await page.getByRole('button', { name: '「柔軟な勤務」を廃止' }).click();
    await page.getByText('「柔軟な勤務」を廃止しました。').waitFor();
    await page.getByRole('button', { name: '「柔軟な勤務」を上へ' }).click();
    await page.getByText('並び順を変更しました。').waitFor();

    const history = page.getByRole('table', { name: '分類の変更履歴' });
    await expect
      .poll(async () => (await history.getByRole('row').allTextContents()).slice(1, 5).join('\n'))
      .toMatch(/並べ替え[\s\S]*廃止[\s\S]*名前: テレワーク → 柔軟な勤務[\s\S]*追加（テレワーク）/);

    await page.getByRole('button', { name: 'スタンプを追加' }).click();
    const stamp = page.getByRole('dialog', { name: 'スタンプを追加' });
    await stamp.getByLabel(fieldLabel('スタンプ名')).fill('ランチ1on1');
    await stamp.getByLabel(fieldLabel('絵文字')).fill('🍱');
    await stamp.getByLabel(fieldLabel('用途')).selectOption({ label: '1on1のお誘い' });
    await stamp.getByLabel(fieldLabel('コード')).fill('lunch');
    await stamp.getByRole('button', { name: '保存' }).click();
    await page.getByText('「ランチ1on1」を追加しました。').waitFor();

    // What the page did is what the server holds.
    const token = await developmentToken('山口 太郎');
    const listed = (await (await callApi(token, 'GET', '/api/categories')).json()) as {
      items: { code: string; label: string; isActive: boolean }[];
    };
    expect(listed.items.find((item) => item.code === 'telework')).toEqual(
      expect.objectContaining({ label: '柔軟な勤務', isActive: false }),
    );
    const kinds = (await (await callApi(token, 'GET', '/api/stamp-kinds')).json()) as {
      items: { code: string; purpose: string }[];
    };
    expect(kinds.items.find((kind) => kind.code === 'lunch')).toEqual(
      expect.objectContaining({ purpose: 'one_on_one' }),
    );

    await screenshot(page, 'master-data-light');
    await page.screenshot({ path: 'test-results/e2e/master-data-light-full.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks right in the dark theme and on a narrow screen', async () => {
    for (const [name, options] of [
      ['master-data-dark', { colorScheme: 'dark' as const }],
      ['master-data-narrow', { viewport: { width: 390, height: 844 } }],
    ] as const) {
      const context = await newContext(holder.browser, options);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signInAs(page, '萩原 健一', '/tab/master-data');
      await page
        .getByRole('table', { name: '分類', exact: true })
        .getByRole('row', { name: /ペーパレス化/ })
        .waitFor();
      await page.getByRole('button', { name: 'スタンプを追加' }).click();
      await page.getByRole('dialog', { name: 'スタンプを追加' }).waitFor();
      await screenshot(page, `${name}-dialog`);
      await page.keyboard.press('Escape');
      await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
