import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  DepartmentMappingListDto,
  OrgChangeListDto,
  OrgDivisionDto,
  StaffPageDto,
} from '#shared/organisation';
import type { CurrentUserDto } from '#shared/tab-api';
import { AppHeader } from '../../tab/src/app/AppHeader';
import { DashboardPage } from '../../tab/src/pages/DashboardPage';
import { OrgPage } from '../../tab/src/pages/OrgPage';
import { StaffPage } from '../../tab/src/pages/StaffPage';
import type { TeamsHost } from '../../tab/src/teams/teams-host';
import { personas } from '../helpers/personas';
import { dashboardFixture } from './dashboard-fixture';
import { findDialog } from './dialogs';
import { fakeApi, officeUser, renderPage, staffUser, type ApiCall } from './render';

const adminUser: CurrentUserDto = {
  id: '00000000-0000-4000-8000-000000000009',
  aadObjectId: personas.makoto.oid,
  displayName: personas.makoto.name,
  email: personas.makoto.email,
  roles: ['staff', 'admin'],
  division: null,
};

const division = (n: number, name: string, overrides: Partial<OrgDivisionDto> = {}): OrgDivisionDto => ({
  id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  code: `D${n}`,
  name,
  kind: 'division',
  parent: null,
  sortOrder: n,
  isActive: true,
  mergedInto: null,
  userCount: 0,
  ...overrides,
});
const bureau = division(1, '総務部', { kind: 'bureau' });
const jinji = division(2, '人事課', { parent: { id: bureau.id, name: '総務部' }, userCount: 3 });
const old = division(3, '旧管財課', { isActive: false, mergedInto: { id: jinji.id, name: '人事課' } });

const mappings: DepartmentMappingListDto = {
  items: [
    {
      id: 'm0000000-0000-4000-8000-000000000001',
      departmentName: '総合企画部 デジタル推進課',
      state: 'pending',
      division: null,
      userCount: 2,
      lastSeenAt: '2024-06-01T00:00:00.000Z',
    },
  ],
  sync: { enabled: true, lastRunAt: '2024-06-01T18:00:00.000Z', lastResult: '利用者2人を確認' },
};
const noChanges: OrgChangeListDto = { items: [] };

const orgApi = (extra: Record<string, (call: ApiCall) => unknown> = {}) =>
  fakeApi({
    'GET /api/org/divisions': () => ({ items: [bureau, jinji, old] }),
    'GET /api/org/department-mappings': () => mappings,
    'GET /api/org/changes': () => noChanges,
    ...extra,
  });

describe('組織 and 職員 pages', () => {
  it('are offered to the office and admins: header tabs, and links on the dashboard in Teams', async () => {
    for (const [user, shown] of [
      [staffUser, false],
      [officeUser, true],
      [adminUser, true],
    ] as const) {
      const header = renderPage(<AppHeader />, { api: fakeApi({}).api, user });
      const nav = await screen.findByRole('navigation', { name: 'ページ' });
      expect(within(nav).queryByRole('tab', { name: '組織' }) !== null, user.displayName).toBe(shown);
      expect(within(nav).queryByRole('tab', { name: '職員' }) !== null, user.displayName).toBe(shown);
      header.unmount();
      const { api } = fakeApi({ 'GET /api/dashboard': () => dashboardFixture() });
      const dashboard = renderPage(<DashboardPage />, { api, user, session: { teams: {} as TeamsHost } });
      await screen.findByRole('heading', { name: 'ダッシュボード' });
      expect(screen.queryByRole('link', { name: '組織' }) !== null, user.displayName).toBe(shown);
      expect(screen.queryByRole('link', { name: '職員' })?.getAttribute('href') ?? null).toBe(
        shown ? '/staff' : null,
      );
      dashboard.unmount();
    }
  });

  it('shows the office the organisation tree and the names waiting for review, without buttons that change', async () => {
    renderPage(<OrgPage />, { api: orgApi().api, user: officeUser });
    const table = await screen.findByRole('table', { name: '組織' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('総務部'),
      expect.stringContaining('人事課'),
    ]);
    expect(screen.queryByRole('button', { name: '組織を追加' })).toBeNull();
    expect(await screen.findByText(/確認待ちの部署名が1件あります/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '今すぐ同期' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '廃止・統合した組織も表示' }));
    expect(within(table).getByText('統合済み（→ 人事課）')).toBeTruthy();
  });

  it('lets an admin map a waiting name to a division', async () => {
    const { api, calls } = orgApi({
      'PUT /api/org/department-mappings/m0000000-0000-4000-8000-000000000001': () => ({
        mapping: { ...mappings.items[0]!, state: 'mapped', division: { id: jinji.id, name: '人事課' } },
        assignedUsers: 2,
      }),
    });
    renderPage(<OrgPage />, { api, user: adminUser });
    fireEvent.click(await screen.findByRole('button', { name: '総合企画部 デジタル推進課を対応付け' }));
    const dialog = await findDialog(/部署名の対応付け/);
    fireEvent.change(within(dialog).getByRole('combobox', { name: /所属/ }), { target: { value: jinji.id } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存する' }));
    await screen.findByText('「総合企画部 デジタル推進課」を保存しました（所属を設定した職員: 2人）。');
    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.options?.body).toEqual({ state: 'mapped', divisionId: jinji.id });
  });

  it('lists staff for the office with the 所属未設定 queue, and no 所属を変更', async () => {
    const page: StaffPageDto = {
      items: [
        {
          id: 'u0000000-0000-4000-8000-000000000001',
          displayName: personas.taro.name,
          email: personas.taro.email,
          division: null,
          directoryDepartment: '総合企画部 デジタル推進課',
          hasEntraAccount: true,
          effectiveRoles: ['staff'],
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    };
    const { api, calls } = orgApi({ 'GET /api/org/users': () => page });
    renderPage(<StaffPage />, { api, user: officeUser });
    const table = await screen.findByRole('table', { name: '職員' });
    expect(within(table).getByText('所属未設定')).toBeTruthy();
    expect(within(table).getByText('総合企画部 デジタル推進課')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /所属を変更/ })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: '絞り込み' }), { target: { value: 'missing' } });
    await waitFor(() =>
      expect(calls.filter((call) => call.path === '/api/org/users').at(-1)?.options?.query).toMatchObject({
        filter: 'missing',
      }),
    );
  });
});
