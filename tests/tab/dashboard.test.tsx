import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdoptionDashboardDto } from '#shared/adoption';
import type { DashboardDto } from '#shared/dashboard';
import type { SubjectStampKpiDto } from '#shared/proposal-thanks';
import { DashboardPage } from '../../tab/src/pages/DashboardPage';
import { dashboardFixture, emptyDashboardFixture } from './dashboard-fixture';
import { apiError, fakeApi, renderPage, type ApiCall } from './render';

const divisionId = '00000000-0000-4000-8000-00000000d001';

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .queryAllByRole('cell')
        .map((cell) => cell.textContent),
    )
    .filter((cells) => cells.length > 0);

const emptyAdoptions = (fiscalYear: number): AdoptionDashboardDto => ({
  fiscalYear,
  fiscalYearLabel: '令和6年度',
  total: { adopted: 0, considering: 0 },
  proposalCount: 0,
  byProposal: [],
  byDivision: [],
});

/**
 * The dashboard page on a fake API. `calls` are those of `GET /api/dashboard`; the sections that load
 * on their own (横展開, the stamps about proposals) answer from `others` (empty by default).
 */
const renderDashboard = (
  path: string,
  answer: (call: ApiCall) => unknown,
  others: Record<string, (call: ApiCall) => unknown> = {},
) => {
  const { api: main, calls } = fakeApi({ 'GET /api/dashboard': answer });
  const { api: sections, calls: sectionCalls } = fakeApi({
    'GET /api/dashboard/adoptions': (call) => emptyAdoptions(Number(call.options?.query?.fiscalYear)),
    ...others,
  });
  const api = {
    ...main,
    get: (url: string, options?: never) => (url === '/api/dashboard' ? main : sections).get(url, options),
  };
  renderPage(<DashboardPage />, { api: api as typeof main, path, route: '/dashboard' });
  return Object.assign(calls, { sectionCalls });
};

describe('dashboard page', () => {
  it("shows the plan's table exactly as the server computed it", async () => {
    const calls = renderDashboard('/dashboard?fiscalYear=2024', () => dashboardFixture());
    const table = await screen.findByRole('table', { name: '提案の状況' });
    expect(rowTexts(table)).toEqual([
      ['実現完了（又は見込み）', '191', '29.5%'],
      ['検討中等', '377', '58.2%'],
      ['その他', '80', '12.3%'],
      ['合計', '648', '100.0%'],
    ]);
    expect(screen.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeTruthy();
    expect(calls[0]!.options?.query).toEqual({ fiscalYear: 2024, divisionId: undefined });
    expect(calls[0]!.options?.signal).toBeInstanceOf(AbortSignal);
  });

  it('shows the share the server sent, never one it worked out itself', async () => {
    const fixture = dashboardFixture();
    // Deliberately inconsistent with the counts: the tab must print it as it came.
    fixture.statusTable.rows[0] = { ...fixture.statusTable.rows[0]!, share: 33.333 };
    renderDashboard('/dashboard', () => fixture);
    const table = await screen.findByRole('table', { name: '提案の状況' });
    expect(rowTexts(table)[0]).toEqual(['実現完了（又は見込み）', '191', '33.3%']);
  });

  it('asks for the current year by default and refetches, cancelling the old request, when 「年度」 changes', async () => {
    const pending: ApiCall[] = [];
    const calls = renderDashboard('/dashboard', (call) => {
      if (call.options?.query?.fiscalYear === 2025) {
        pending.push(call);
        return new Promise<DashboardDto>(() => {});
      }
      return dashboardFixture(Number(call.options?.query?.fiscalYear ?? 2024));
    });
    await screen.findByRole('table', { name: '提案の状況' });
    expect(calls[0]!.options?.query).toEqual({ fiscalYear: undefined, divisionId: undefined });

    const select = screen.getByRole('combobox', { name: '年度' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.text)).toEqual(['令和7年度', '令和6年度']);
    expect(select.value).toBe('2024');

    fireEvent.change(select, { target: { value: '2025' } });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.options?.query).toEqual({ fiscalYear: 2025, divisionId: undefined });
    expect(select.value).toBe('2025');

    fireEvent.change(select, { target: { value: '2024' } });
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2]!.options?.query).toEqual({ fiscalYear: 2024, divisionId: undefined });
    // The slow 2025 answer was cancelled so it can never overwrite the 2024 figures.
    expect(pending[0]!.options?.signal?.aborted).toBe(true);
    expect(calls[2]!.options?.signal?.aborted).toBe(false);
  });

  it('says which year it shows when the current one has no data yet (the server chose the latest)', async () => {
    renderDashboard('/dashboard', () => ({
      ...dashboardFixture(2024),
      currentFiscalYear: 2026,
      defaulted: true,
      availableFiscalYears: [
        { fiscalYear: 2026, label: '令和8年度' },
        { fiscalYear: 2024, label: '令和6年度' },
      ],
    }));
    await screen.findByRole('table', { name: '提案の状況' });
    expect(
      screen.getByText(
        '令和8年度の提案・スタンプはまだないため、データのある最新の令和6年度を表示しています。「年度」で切り替えられます。',
      ),
    ).toBeTruthy();
    const select = screen.getByRole('combobox', { name: '年度' }) as HTMLSelectElement;
    expect(select.value).toBe('2024');
    expect([...select.options].map((option) => option.text)).toEqual(['令和8年度', '令和6年度']);
  });

  it('says nothing about the year when it shows the year asked for', async () => {
    renderDashboard('/dashboard?fiscalYear=2024', () => ({
      ...dashboardFixture(2024),
      currentFiscalYear: 2026,
    }));
    await screen.findByRole('table', { name: '提案の状況' });
    expect(screen.queryByText(/データのある最新の/)).toBeNull();
  });

  it('says so when the year has no proposals, stamps or projects', async () => {
    renderDashboard('/dashboard?fiscalYear=2026', () => emptyDashboardFixture());
    expect(await screen.findByText('この年度の提案はまだありません')).toBeTruthy();
    expect(screen.getByText('この年度のアクションスタンプはまだありません')).toBeTruthy();
    expect(screen.getByText('この年度の重点案件はまだありません')).toBeTruthy();
    expect(screen.queryByRole('table', { name: '提案の状況' })).toBeNull();
    expect(screen.queryByRole('button', { name: '表で表示' })).toBeNull();
    // The year can still be changed.
    expect(screen.getByRole('combobox', { name: '年度' })).toBeTruthy();
  });

  it("shows the server's Japanese error and retries", async () => {
    let attempts = 0;
    renderDashboard('/dashboard', () => {
      attempts += 1;
      if (attempts === 1) throw apiError(503, 'UNAVAILABLE', '現在サービスを利用できません。');
      return dashboardFixture();
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('現在サービスを利用できません。');
    fireEvent.click(within(alert).getByRole('button', { name: '再読み込み' }));
    expect(await screen.findByRole('table', { name: '提案の状況' })).toBeTruthy();
    expect(attempts).toBe(2);
  });

  it('offers every chart as a table of the same figures', async () => {
    renderDashboard('/dashboard?fiscalYear=2024', () => dashboardFixture());
    await screen.findByRole('table', { name: '提案の状況' });
    const toggles = screen.getAllByRole('button', { name: '表で表示' });
    expect(toggles).toHaveLength(5);
    for (const toggle of toggles) {
      expect(toggle.getAttribute('aria-pressed')).toBe('false');
      fireEvent.click(toggle);
      expect(toggle.getAttribute('aria-pressed')).toBe('true');
    }

    expect(rowTexts(screen.getByRole('table', { name: '分野別の提案' }))).toEqual([
      ['ペーパレス化', '120', '250', '50', '420'],
      ['デジタル化', '71', '127', '30', '228'],
    ]);
    expect(rowTexts(screen.getByRole('table', { name: '提案者の所属別の提案' }))).toEqual([
      ['商工政策課', '101', '200', '40', '341'],
      ['その他', '90', '177', '40', '307'],
    ]);
    const monthly = rowTexts(screen.getByRole('table', { name: '月別の提案数と実現数' }));
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toEqual(['4月', '76', '14']);
    expect(monthly[11]).toEqual(['3月', '52', '27']);
    const stampMonths = rowTexts(screen.getByRole('table', { name: '月別のアクションスタンプ' }));
    expect(stampMonths).toHaveLength(12);
    expect(stampMonths[0]).toEqual(['4月', '250']);
    expect(rowTexts(screen.getByRole('table', { name: '所属別のアクションスタンプ' }))).toEqual([
      ['商工政策課', '1,800'],
      ['（所属未設定）', '1,200'],
    ]);
  });

  it('shows the stamp KPIs with the kinds and their emoji', async () => {
    renderDashboard('/dashboard?fiscalYear=2024', () => dashboardFixture());
    const stamps = await screen.findByRole('region', { name: 'アクションスタンプ' });
    expect(within(stamps).getByText('3,000')).toBeTruthy();
    expect(within(stamps).getByText('142人')).toBeTruthy();
    expect(rowTexts(within(stamps).getByRole('table', { name: '種類別のアクションスタンプ' }))).toEqual([
      ['🙏ありがとう', '1,700'],
      ['👍ナイス', '1,299'],
      ['⭐旧スタンプ（廃止）', '1'],
    ]);
  });

  it('shows each priority project with a named progress bar and a link to it', async () => {
    renderDashboard('/dashboard?fiscalYear=2024', () => dashboardFixture());
    const projects = await screen.findByRole('region', { name: '重点案件の進捗' });
    const bar = within(projects).getByRole('progressbar', { name: 'R6-1-1 生成AIの活用の進捗 60%' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0.6');
    expect(
      within(projects).getByRole('progressbar', { name: 'R6-2-1 フリーアドレスの拡大の進捗 100%' }),
    ).toBeTruthy();
    expect(within(projects).getByRole('link', { name: '生成AIの活用' }).getAttribute('href')).toBe(
      '/projects/00000000-0000-4000-8000-0000000000a1',
    );
    expect(within(projects).getByRole('heading', { level: 3, name: 'テーマ1 業務の見直し' })).toBeTruthy();
  });

  it("shows one division's figures for its channel tab (?division=)", async () => {
    const calls = renderDashboard(`/dashboard?division=${divisionId}&fiscalYear=2024`, () => ({
      ...dashboardFixture(),
      division: { id: divisionId, name: '商工政策課' },
    }));
    expect(await screen.findByText('商工政策課の提案状況')).toBeTruthy();
    expect(calls[0]!.options?.query).toEqual({ fiscalYear: 2024, divisionId });
    // A single division's breakdown by division would say nothing.
    expect(screen.queryByRole('region', { name: '提案者の所属別の提案' })).toBeNull();
    expect(screen.getByRole('link', { name: '全体を表示' }).getAttribute('href')).toBe(
      '/dashboard?fiscalYear=2024',
    );

    fireEvent.change(screen.getByRole('combobox', { name: '年度' }), { target: { value: '2025' } });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.options?.query).toEqual({ fiscalYear: 2025, divisionId });
  });

  it("shows the year's 横展開 and narrows the stamps to those about a proposal on request", async () => {
    const fixture = dashboardFixture(2024);
    const adoptions: AdoptionDashboardDto = {
      ...emptyAdoptions(2024),
      total: { adopted: 4, considering: 1 },
      proposalCount: 2,
      byProposal: [
        {
          proposalId: '00000000-0000-4000-8000-0000000000a1',
          number: 'R6-0012',
          title: '会議のオンライン化',
          responsibleDivisionName: '企画課',
          adopted: 3,
          considering: 0,
        },
      ],
      byDivision: [{ divisionId: divisionId, label: '企画課', adopted: 2, considering: 1 }],
    };
    const subject: SubjectStampKpiDto = {
      fiscalYear: 2024,
      stamps: { ...fixture.stamps, total: 7, activeSenders: 3 },
    };
    const calls = renderDashboard('/dashboard?fiscalYear=2024', () => fixture, {
      'GET /api/dashboard/adoptions': () => adoptions,
      'GET /api/dashboard/stamps': () => subject,
    });
    const top = await screen.findByRole('table', { name: /よく横展開された提案/ });
    expect(rowTexts(top)).toEqual([['R6-0012 会議のオンライン化', '3', '0']]);
    expect(rowTexts(screen.getByRole('table', { name: '所属別の横展開' }))).toEqual([['企画課', '2', '1']]);
    expect(calls.sectionCalls[0]!.options?.query).toEqual({ fiscalYear: 2024 });

    fireEvent.click(screen.getByRole('switch', { name: '提案・重点案件へのお礼だけを数える' }));
    await screen.findByText('7');
    const stampCall = calls.sectionCalls.find((call) => call.path === '/api/dashboard/stamps');
    expect(stampCall!.options?.query).toEqual({ fiscalYear: 2024, divisionId: undefined, about: 'subject' });
  });
});
