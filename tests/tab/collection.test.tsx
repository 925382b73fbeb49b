import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CollectionDto, CollectionEntryDto } from '#shared/collection';
import { CollectionPage } from '../../tab/src/pages/CollectionPage';
import { DashboardPage } from '../../tab/src/pages/DashboardPage';
import { dashboardFixture } from './dashboard-fixture';
import { apiError, fakeApi, officeUser, renderPage } from './render';

const entry = (number: string, categoryCode: string, categoryLabel: string): CollectionEntryDto => ({
  number,
  title: `件名 ${number}`,
  body: `提案内容 ${number}`,
  proposerDivisionName: '学事文書課',
  categoryCode,
  categoryLabel,
  statusGroup: 'realised',
  statusGroupLabel: '実現完了（又は見込み）',
  answer: `講評 ${number}`,
  responsibleDivisionName: '総務課',
  priorityProjects: number === 'R6-0001' ? [{ code: 'R6-2-1', title: 'ペーパレス化の更なる推進' }] : [],
  supportCount: 0,
});

const collectionFixture = (): CollectionDto => ({
  fiscalYear: 2024,
  fiscalYearLabel: '令和6年度',
  title: '令和6年度 職員提案集',
  asOfLabel: '令和7年3月31日',
  statusTable: {
    total: 648,
    rows: [
      { group: 'realised', label: '実現完了（又は見込み）', count: 191, share: 29.5 },
      { group: 'considering', label: '検討中等', count: 377, share: 58.2 },
      { group: 'blocked', label: 'その他', count: 80, share: 12.3 },
    ],
  },
  // The office's order: ペーパレス化 before デジタル, whatever the numbers.
  categories: [
    { code: 'paperless', label: 'ペーパレス化' },
    { code: 'digital', label: 'デジタル・ＤＸ' },
    { code: 'other', label: 'その他' },
  ],
  availableFiscalYears: [
    { fiscalYear: 2025, label: '令和7年度' },
    { fiscalYear: 2024, label: '令和6年度' },
  ],
  generatedAt: '2025-03-31T00:00:00.000Z',
  entries: [
    entry('R6-0001', 'digital', 'デジタル・ＤＸ'),
    entry('R6-0002', 'paperless', 'ペーパレス化'),
    entry('R6-0003', 'digital', 'デジタル・ＤＸ'),
  ],
});

const renderCollection = (path: string, answer: () => unknown = collectionFixture) => {
  const { api, calls } = fakeApi({
    'GET /api/collection/2024': answer,
    'DOWNLOAD /api/collection/2024.xlsx': () => ({ blob: new Blob(['x']), fileName: '職員提案集_R6.xlsx' }),
  });
  renderPage(<CollectionPage />, { api, user: officeUser, path, route: '/collection/:fiscalYear' });
  return calls;
};

const sectionTexts = (document: HTMLElement) =>
  [...document.children].map((section) =>
    within(section as HTMLElement)
      .queryAllByRole('heading')
      .map((heading) => heading.textContent),
  );

describe('提案集を作る', () => {
  it('shows the cover with the plan’s table (全体件数 first) and a page per proposal', async () => {
    const calls = renderCollection('/collection/2024');
    await screen.findByRole('heading', { level: 1, name: '令和6年度 職員提案集' });
    const table = screen.getByRole('table', { name: '職員提案 実現・検討状況' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      '区分件数割合',
      '全体件数648100.0%',
      '実現完了（又は見込み）19129.5%',
      '検討中等37758.2%',
      'その他8012.3%',
    ]);
    expect(
      screen.getByText('掲載する提案: 3件（公開している提案のみ。令和6年度の提案は全体で648件）'),
    ).toBeTruthy();
    const document = table.closest('[data-collection-document]') as HTMLElement;
    // Cover, then one section per proposal in number order.
    expect(sectionTexts(document).slice(1)).toEqual([
      ['件名 R6-0001', '提案内容', '講評'],
      ['件名 R6-0002', '提案内容', '講評'],
      ['件名 R6-0003', '提案内容', '講評'],
    ]);
    expect(screen.getByText('R6-2-1 ペーパレス化の更なる推進')).toBeTruthy();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/collection/2024']);
  });

  it('groups by category in the office’s order when 分類ごとに改ページ is chosen', async () => {
    renderCollection('/collection/2024');
    await screen.findByRole('heading', { level: 1, name: '令和6年度 職員提案集' });
    fireEvent.click(screen.getByRole('radio', { name: '分類ごとに改ページ' }));
    // (happy-dom lays the count out as a block, so its accessible name may carry a space.)
    const paperless = await screen.findByRole('heading', { level: 2, name: /^ペーパレス化\s?1件$/ });
    const document = paperless.closest('[data-collection-document]') as HTMLElement;
    expect(sectionTexts(document).slice(1)).toEqual([
      ['ペーパレス化1件', '件名 R6-0002', '提案内容', '講評'],
      ['デジタル・ＤＸ2件', '件名 R6-0001', '提案内容', '講評', '件名 R6-0003', '提案内容', '講評'],
    ]);
  });

  it('downloads the workbook under the server’s name', async () => {
    const calls = renderCollection('/collection/2024');
    await screen.findByRole('heading', { level: 1, name: '令和6年度 職員提案集' });
    fireEvent.click(screen.getByRole('button', { name: 'Excelをダウンロード' }));
    await waitFor(() =>
      expect(calls.map((call) => `${call.method} ${call.path}`)).toContain(
        'DOWNLOAD /api/collection/2024.xlsx',
      ),
    );
  });

  it('tells someone who is not the office once, without the controls', async () => {
    renderCollection('/collection/2024', () => {
      throw apiError(403, 'FORBIDDEN', '提案集は推進室だけが作成できます。');
    });
    await screen.findByText('提案集は推進室だけが作成できます。');
    expect(screen.queryByRole('button', { name: 'Excelをダウンロード' })).toBeNull();
    expect(screen.queryByRole('button', { name: '再読み込み' })).toBeNull();
  });

  it('is offered on the dashboard to the office only, for the year shown', async () => {
    const { api } = fakeApi({ 'GET /api/dashboard': () => dashboardFixture() });
    const office = renderPage(<DashboardPage />, {
      api,
      user: officeUser,
      path: '/dashboard?fiscalYear=2024',
      route: '/dashboard',
    });
    const link = await screen.findByRole('link', { name: '提案集を作る' });
    expect(link.getAttribute('href')).toBe('/collection/2024');
    office.unmount();
    renderPage(<DashboardPage />, { api, path: '/dashboard?fiscalYear=2024', route: '/dashboard' });
    await screen.findByRole('table', { name: '提案の状況' });
    expect(screen.queryByRole('link', { name: '提案集を作る' })).toBeNull();
  });
});
