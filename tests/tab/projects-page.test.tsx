import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  PriorityProjectDetailDto,
  PriorityProjectDto,
  PriorityProjectListDto,
} from '#shared/priority-project';
import { ProjectsPage } from '../../tab/src/pages/ProjectsPage';
import { findDialog } from './dialogs';
import { apiError, fakeApi, officeUser, renderPage, staffUser } from './render';

const route = '/projects/:projectId?';

const project = (overrides: Partial<PriorityProjectDto>): PriorityProjectDto => ({
  id: '10000000-0000-4000-8000-000000000001',
  fiscalYear: 2024,
  code: 'R6-1-1',
  themeNo: 1,
  themeTitle: '業務の見直し・ＤＸ等による効率化',
  itemNo: 1,
  title: 'ＤＸプラットフォームの構築',
  description: '利便性とセキュリティを両立させる。',
  ownerDivision: { id: '20000000-0000-4000-8000-000000000001', name: 'デジタル推進課' },
  status: 'in_progress',
  statusLabel: '進行中',
  progress: 60,
  milestones: [
    { title: '要件定義', dueOn: '2024-09-30', done: true },
    { title: '試行導入', dueOn: '2025-01-31', done: false },
  ],
  version: 3,
  linkedProposalCount: 2,
  updatedAt: '2024-10-01T03:00:00.000Z',
  ...overrides,
});

/** The year facts of a list answer: the clock in 令和6年度, projects in 令和6年度 only. */
const yearFacts = {
  currentFiscalYear: 2024,
  defaulted: false,
  availableFiscalYears: [{ fiscalYear: 2024, label: '令和6年度' }],
  latestFiscalYearWithProjects: 2024,
};

const list2024: PriorityProjectListDto = {
  fiscalYear: 2024,
  fiscalYearLabel: '令和6年度',
  ...yearFacts,
  themes: [
    {
      themeNo: 1,
      themeTitle: '業務の見直し・ＤＸ等による効率化',
      projects: [
        project({}),
        project({
          id: '10000000-0000-4000-8000-000000000002',
          code: 'R6-1-2',
          itemNo: 2,
          title: 'デジタルツールの利活用推進',
          status: 'planned',
          statusLabel: '未着手',
          progress: 0,
          milestones: [],
        }),
      ],
    },
    {
      themeNo: 2,
      themeTitle: '多様で柔軟な働き方の推進',
      projects: [
        project({
          id: '10000000-0000-4000-8000-000000000003',
          code: 'R6-2-1',
          themeNo: 2,
          themeTitle: '多様で柔軟な働き方の推進',
          title: 'ペーパレス化の更なる推進',
          status: 'done',
          statusLabel: '完了',
          progress: 100,
        }),
      ],
    },
  ],
};

const detail = (overrides: Partial<PriorityProjectDetailDto> = {}): PriorityProjectDetailDto => ({
  ...project({}),
  progressUpdates: [
    {
      id: '30000000-0000-4000-8000-000000000001',
      progress: 60,
      status: 'in_progress',
      statusLabel: '進行中',
      note: '第1回プロジェクトチーム会議で方針を決定。',
      author: { id: officeUser.id, displayName: officeUser.displayName },
      createdAt: '2024-08-06T05:00:00.000Z',
    },
  ],
  linkedProposals: [
    {
      id: '40000000-0000-4000-8000-000000000001',
      number: 'R6-0012',
      title: '電子決裁の徹底',
      status: 'settled',
      statusLabel: '実現見込み',
    },
  ],
  ...overrides,
});

const projectPath = `/projects/${detail().id}`;

/**
 * A toolbar button once it is enabled: the buttons render disabled until the year's projects are
 * loaded, and a click on a disabled button does nothing (a slow run clicked too early).
 */
const findEnabledButton = async (name: string) => {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button.hasAttribute('disabled') || button.ariaDisabled === 'true').toBe(false));
  return button;
};

describe('重点案件 page', () => {
  it('groups the selected year’s projects by theme with labelled progress bars', async () => {
    const { api, calls } = fakeApi({ 'GET /api/priority-projects': () => list2024 });
    renderPage(<ProjectsPage />, { api, path: '/projects?fiscalYear=2024', route });

    expect(screen.getByRole('heading', { level: 1, name: '重点案件' })).toBeTruthy();
    const theme1 = await screen.findByRole('region', { name: 'テーマ1 業務の見直し・ＤＸ等による効率化' });
    const theme2 = screen.getByRole('region', { name: 'テーマ2 多様で柔軟な働き方の推進' });
    expect(
      within(theme1).getByRole('link', { name: 'ＤＸプラットフォームの構築' }).getAttribute('href'),
    ).toBe(`/projects/${list2024.themes[0]!.projects[0]!.id}`);
    expect(within(theme1).getByText('R6-1-2')).toBeTruthy();
    expect(within(theme1).queryByText('ペーパレス化の更なる推進')).toBeNull();
    expect(within(theme2).getByText('ペーパレス化の更なる推進')).toBeTruthy();

    expect(within(theme1).getByRole('progressbar', { name: '進捗 60%' })).toBeTruthy();
    expect(within(theme1).getByRole('progressbar', { name: '進捗 0%' })).toBeTruthy();
    expect(within(theme2).getByRole('progressbar', { name: '進捗 100%' })).toBeTruthy();
    expect(within(theme1).getByText('進行中')).toBeTruthy();
    expect(within(theme2).getByText('完了')).toBeTruthy();
    expect(within(theme1).getByRole('list', { name: 'R6-1-1 のマイルストーン' }).textContent).toContain(
      '要件定義',
    );
    expect(calls[0]!.options?.query).toEqual({ fiscalYear: 2024 });

    expect((screen.getByLabelText('年度') as HTMLSelectElement).value).toBe('2024');
  });

  it('loads another year when the 年度 selector changes and says when it has none', async () => {
    const { api, calls } = fakeApi({
      'GET /api/priority-projects': (call) =>
        call.options?.query?.fiscalYear === 2024
          ? list2024
          : { fiscalYear: 2025, fiscalYearLabel: '令和7年度', ...yearFacts, themes: [] },
    });
    renderPage(<ProjectsPage />, { api, user: staffUser, path: '/projects?fiscalYear=2024', route });
    await screen.findByText('ＤＸプラットフォームの構築');

    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2025' } });
    expect(await screen.findByText('令和7年度の重点案件はまだ登録されていません')).toBeTruthy();
    expect(screen.queryByText('ＤＸプラットフォームの構築')).toBeNull();
    expect(calls.map((call) => call.options?.query?.fiscalYear)).toEqual([2024, 2025]);
  });

  it('shows a failure in Japanese with a retry', async () => {
    let fail = true;
    const { api } = fakeApi({
      'GET /api/priority-projects': () => {
        if (fail) throw apiError(503, 'UNAVAILABLE', '現在サービスを利用できません。');
        return list2024;
      },
    });
    renderPage(<ProjectsPage />, { api, path: '/projects?fiscalYear=2024', route });
    expect((await screen.findByRole('alert')).textContent).toContain('現在サービスを利用できません。');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '再読み込み' }));
    expect(await screen.findByText('ＤＸプラットフォームの構築')).toBeTruthy();
  });

  it('shows staff the project, its timeline and linked proposals, without any office action', async () => {
    const { api } = fakeApi({
      'GET /api/priority-projects': () => list2024,
      [`GET /api/priority-projects/${detail().id}`]: () => detail(),
    });
    const { unmount } = renderPage(<ProjectsPage />, {
      api,
      user: staffUser,
      path: '/projects?fiscalYear=2024',
      route,
    });
    await screen.findByText('ＤＸプラットフォームの構築');
    expect(screen.queryByRole('button', { name: '重点案件を追加' })).toBeNull();
    expect(screen.queryByRole('button', { name: '次年度の案件を作成' })).toBeNull();
    unmount();

    renderPage(<ProjectsPage />, { api, user: staffUser, path: projectPath, route });
    expect(await screen.findByRole('heading', { level: 2, name: 'ＤＸプラットフォームの構築' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '進捗 60%' })).toBeTruthy();
    const timeline = screen.getByRole('list', { name: '進捗の記録' });
    expect(timeline.textContent).toContain('第1回プロジェクトチーム会議で方針を決定。');
    expect(timeline.textContent).toContain('2024/8/6 14:00');
    const linked = screen.getByRole('link', { name: '電子決裁の徹底' });
    expect(linked.getAttribute('href')).toBe('/proposals/40000000-0000-4000-8000-000000000001');
    expect(screen.getByRole('list', { name: 'マイルストーン' }).textContent).toContain('2025年1月31日');
    expect(screen.getByText(/公開されている提案だけを表示しています/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '重点案件の一覧へ' }).getAttribute('href')).toBe(
      '/projects?fiscalYear=2024',
    );
    expect(screen.queryByRole('button', { name: '進捗を報告' })).toBeNull();
    expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
  });

  it('lets the office post a progress update, sent with the version, and shows the refreshed project', async () => {
    let current = detail();
    const { api, calls } = fakeApi({
      [`GET /api/priority-projects/${current.id}`]: () => current,
      [`POST /api/priority-projects/${current.id}/progress-updates`]: (call) => {
        const body = call.options?.body as { progress: number; status: 'done'; note: string };
        current = detail({
          progress: body.progress,
          status: body.status,
          statusLabel: '完了',
          version: 4,
          progressUpdates: [
            {
              id: '30000000-0000-4000-8000-000000000002',
              progress: body.progress,
              status: body.status,
              statusLabel: '完了',
              note: body.note,
              author: { id: officeUser.id, displayName: officeUser.displayName },
              createdAt: '2025-03-10T01:00:00.000Z',
            },
            ...current.progressUpdates,
          ],
        });
        return current;
      },
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: projectPath, route });
    fireEvent.click(await screen.findByRole('button', { name: '進捗を報告' }));
    const dialog = await findDialog('進捗を報告');
    fireEvent.change(within(dialog).getByLabelText(/進捗率/), { target: { value: '100' } });
    fireEvent.change(within(dialog).getByLabelText(/^状況/), { target: { value: 'done' } });
    fireEvent.change(within(dialog).getByLabelText('報告内容'), { target: { value: '全庁展開を完了。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '報告する' }));

    expect(await screen.findByRole('progressbar', { name: '進捗 100%' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.options?.body).toEqual({
      progress: 100,
      status: 'done',
      note: '全庁展開を完了。',
      version: 3,
    });
    expect(calls.filter((call) => call.method === 'GET')).toHaveLength(2);
    expect(screen.getByRole('list', { name: '進捗の記録' }).textContent).toContain('全庁展開を完了。');
  });

  it('tells the office in Japanese when someone else edited the project first, and reloads', async () => {
    const { api, calls } = fakeApi({
      [`GET /api/priority-projects/${detail().id}`]: () => detail(),
      [`PATCH /api/priority-projects/${detail().id}`]: () => {
        throw apiError(
          409,
          'CONFLICT',
          'この重点案件は他の人が先に更新しました。最新の内容を確認してからやり直してください。',
        );
      },
      'GET /api/divisions': () => ({
        items: [{ id: '20000000-0000-4000-8000-000000000001', name: 'デジタル推進課' }],
      }),
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: projectPath, route });
    fireEvent.click(await screen.findByRole('button', { name: '編集' }));
    const dialog = await findDialog('R6-1-1 を編集');
    fireEvent.change(within(dialog).getByLabelText(/案件名/), { target: { value: 'ＤＸ基盤の構築' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('他の人が先に更新しました');
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.options?.body).toMatchObject({ version: 3, title: 'ＤＸ基盤の構築' });

    fireEvent.click(within(alert).getByRole('button', { name: '再読み込み' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((call) => call.path === `/api/priority-projects/${detail().id}`)).toHaveLength(3);
  });

  it('lets the office create next year’s set from this year’s and shows it', async () => {
    let copied = false;
    const { api, calls } = fakeApi({
      'GET /api/priority-projects': (call) =>
        call.options?.query?.fiscalYear === 2025
          ? {
              fiscalYear: 2025,
              fiscalYearLabel: '令和7年度',
              ...yearFacts,
              themes: copied
                ? [
                    {
                      ...list2024.themes[1]!,
                      projects: [
                        project({
                          id: '10000000-0000-4000-8000-000000000009',
                          fiscalYear: 2025,
                          code: 'R7-2-1',
                          themeNo: 2,
                          title: 'ペーパレス化の更なる推進',
                          progress: 0,
                          status: 'planned',
                          statusLabel: '未着手',
                          milestones: [],
                        }),
                      ],
                    },
                  ]
                : [],
            }
          : list2024,
      'POST /api/priority-projects/copy': () => {
        copied = true;
        return { fromFiscalYear: 2024, toFiscalYear: 2025, created: 3, projects: [] };
      },
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: '/projects?fiscalYear=2024', route });
    fireEvent.click(await findEnabledButton('次年度の案件を作成'));
    const dialog = await findDialog('次年度の案件を作成');
    expect(dialog.textContent).toContain('令和6年度の重点案件（3件）をもとに');
    fireEvent.click(within(dialog).getByRole('button', { name: '作成する' }));

    expect(await screen.findByText('令和7年度の重点案件を3件作成しました。')).toBeTruthy();
    expect(await screen.findByText('R7-2-1')).toBeTruthy();
    expect((screen.getByLabelText('年度') as HTMLSelectElement).value).toBe('2025');
    expect(calls.find((call) => call.method === 'POST')!.options?.body).toEqual({
      fromFiscalYear: 2024,
      toFiscalYear: 2025,
    });
  });

  it('opens on the latest year with projects while the current has none, and carries that year over', async () => {
    const facts = {
      currentFiscalYear: 2026,
      availableFiscalYears: [
        { fiscalYear: 2026, label: '令和8年度' },
        { fiscalYear: 2024, label: '令和6年度' },
      ],
      latestFiscalYearWithProjects: 2024,
    };
    const { api, calls } = fakeApi({
      'GET /api/priority-projects': (call) =>
        call.options?.query?.fiscalYear === 2026
          ? { fiscalYear: 2026, fiscalYearLabel: '令和8年度', ...facts, defaulted: false, themes: [] }
          : { ...list2024, ...facts, defaulted: call.options?.query?.fiscalYear === undefined },
      'POST /api/priority-projects/copy': () => ({
        fromFiscalYear: 2024,
        toFiscalYear: 2026,
        created: 3,
        projects: [],
      }),
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: '/projects', route });
    expect(
      await screen.findByText(
        '令和8年度の重点案件はまだないため、データのある最新の令和6年度を表示しています。「年度」で切り替えられます。',
      ),
    ).toBeTruthy();
    expect(screen.getByText('ＤＸプラットフォームの構築')).toBeTruthy();
    expect(calls[0]!.options?.query).toEqual({ fiscalYear: undefined });
    const select = screen.getByLabelText('年度') as HTMLSelectElement;
    expect(select.value).toBe('2024');
    // Years with projects, the current one and the next (being prepared); not the empty 令和7年度.
    expect([...select.options].map((option) => option.text)).toEqual(['令和9年度', '令和8年度', '令和6年度']);

    fireEvent.change(select, { target: { value: '2026' } });
    expect(await screen.findByText('令和8年度の重点案件はまだ登録されていません')).toBeTruthy();
    expect(screen.queryByText(/データのある最新の/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '令和6年度の案件を引き継いで作成' }));
    const dialog = await findDialog('令和6年度の案件を引き継いで令和8年度の案件を作成');
    fireEvent.click(within(dialog).getByRole('button', { name: '作成する' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.options?.body).toEqual({
        fromFiscalYear: 2024,
        toFiscalYear: 2026,
      }),
    );
  });

  it('offers no carry-over when no year has projects', async () => {
    const { api } = fakeApi({
      'GET /api/priority-projects': () => ({
        fiscalYear: 2026,
        fiscalYearLabel: '令和8年度',
        currentFiscalYear: 2026,
        defaulted: false,
        availableFiscalYears: [{ fiscalYear: 2026, label: '令和8年度' }],
        latestFiscalYearWithProjects: null,
        themes: [],
      }),
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: '/projects', route });
    expect(await screen.findByText('令和8年度の重点案件はまだ登録されていません')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /案件を引き継いで作成/ })).toBeNull();
  });

  it('lets the office add a project to the year, with the theme’s next item number', async () => {
    const { api, calls } = fakeApi({
      'GET /api/priority-projects': () => list2024,
      'GET /api/divisions': () => ({
        items: [{ id: '20000000-0000-4000-8000-000000000001', name: 'デジタル推進課' }],
      }),
      'POST /api/priority-projects': () =>
        project({
          id: '10000000-0000-4000-8000-000000000010',
          code: 'R6-1-3',
          itemNo: 3,
          title: '生成ＡＩの活用',
        }),
    });
    renderPage(<ProjectsPage />, { api, user: officeUser, path: '/projects?fiscalYear=2024', route });
    fireEvent.click(await findEnabledButton('重点案件を追加'));
    const dialog = await findDialog('重点案件を追加');
    expect((within(dialog).getByLabelText(/項目番号/) as HTMLInputElement).value).toBe('3');
    expect((within(dialog).getByLabelText(/テーマ名/) as HTMLInputElement).value).toBe(
      '業務の見直し・ＤＸ等による効率化',
    );
    fireEvent.change(within(dialog).getByLabelText(/案件名/), { target: { value: '生成ＡＩの活用' } });
    await within(dialog).findByRole('option', { name: 'デジタル推進課' });
    fireEvent.change(within(dialog).getByLabelText('担当課'), {
      target: { value: '20000000-0000-4000-8000-000000000001' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'マイルストーンを追加' }));
    fireEvent.change(within(dialog).getByLabelText('マイルストーン1の名前'), { target: { value: '試行' } });
    fireEvent.change(within(dialog).getByLabelText('マイルストーン1の期限'), {
      target: { value: '2025-02-28' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    expect(await screen.findByText('R6-1-3「生成ＡＩの活用」を追加しました。')).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')!.options?.body).toEqual({
      fiscalYear: 2024,
      themeNo: 1,
      itemNo: 3,
      themeTitle: '業務の見直し・ＤＸ等による効率化',
      title: '生成ＡＩの活用',
      description: '',
      ownerDivisionId: '20000000-0000-4000-8000-000000000001',
      milestones: [{ title: '試行', dueOn: '2025-02-28', done: false }],
    });
  });
});
