import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type {
  AdminUserDto,
  AdminUserPageDto,
  RoleChangeDto,
  RoleChangePageDto,
  UserRolesUpdateRequest,
} from '#shared/role-admin';
import type { CurrentUserDto } from '#shared/tab-api';
import { AppHeader } from '../../tab/src/app/AppHeader';
import { DashboardPage } from '../../tab/src/pages/DashboardPage';
import { RoleAdminPage } from '../../tab/src/pages/RoleAdminPage';
import type { TeamsHost } from '../../tab/src/teams/teams-host';
import { personas } from '../helpers/personas';
import { dashboardFixture } from './dashboard-fixture';
import { findDialog } from './dialogs';
import { apiError, fakeApi, officeUser, renderPage, staffUser, type ApiCall } from './render';

const adminUser: CurrentUserDto = {
  id: '00000000-0000-4000-8000-000000000009',
  aadObjectId: personas.makoto.oid,
  displayName: personas.makoto.name,
  email: personas.makoto.email,
  roles: ['staff', 'admin'],
  division: null,
  liaisonDivisionIds: [],
};

const person = (n: number, overrides: Partial<AdminUserDto> = {}): AdminUserDto => ({
  id: `70000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `職員${n}`,
  email: `staff${n}@example.jp`,
  division: { id: '00000000-0000-4000-8000-00000000d001', name: '商工政策課' },
  hasEntraAccount: true,
  databaseRoles: [],
  entraRoles: [],
  entraRolesCheckedAt: '2024-06-01T00:00:00.000Z',
  effectiveRoles: ['staff'],
  liaisonDivisionIds: [],
  entraLiaisonDivisionIds: [],
  ...overrides,
});

const taro = person(1, { displayName: personas.taro.name, email: personas.taro.email });
const kenichi = person(2, {
  displayName: personas.kenichi.name,
  entraRoles: ['office'],
  effectiveRoles: ['staff', 'office'],
});
const me = person(9, {
  id: adminUser.id,
  displayName: adminUser.displayName,
  databaseRoles: ['admin'],
  effectiveRoles: ['staff', 'admin'],
});

const page = (items: AdminUserDto[]): AdminUserPageDto => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
});

const change = (overrides: Partial<RoleChangeDto> = {}): RoleChangeDto => ({
  id: 1,
  user: { id: taro.id, displayName: taro.displayName },
  actor: { id: adminUser.id, displayName: adminUser.displayName },
  rolesBefore: [],
  rolesAfter: ['office'],
  reason: '人事異動',
  createdAt: '2024-06-03T05:05:00.000Z',
  ...overrides,
});

const history = (items: RoleChangeDto[]): RoleChangePageDto => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
});

const calledWith = (calls: ApiCall[], method: string, path: string) =>
  calls.filter((call) => call.method === method && call.path === path);

describe('RoleAdminPage', () => {
  it('finds people, shows where each role comes from, and assigns office after a confirmation', async () => {
    let assigned = false;
    const { api, calls } = fakeApi({
      'GET /api/admin/users': () =>
        page([
          kenichi,
          assigned ? { ...taro, databaseRoles: ['office'], effectiveRoles: ['staff', 'office'] } : taro,
        ]),
      'GET /api/admin/role-changes': () => history(assigned ? [change()] : []),
      [`PUT /api/admin/users/${taro.id}/roles`]: () => {
        assigned = true;
        return {
          changed: true,
          user: { ...taro, databaseRoles: ['office'], effectiveRoles: ['staff', 'office'] },
        };
      },
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });

    const table = await screen.findByRole('table', { name: '利用者と権限' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('萩原 健一'),
      expect.stringContaining('山口 太郎'),
    ]);
    expect(rows[0]!.textContent).toContain('推進室（Entra）');
    expect(rows[1]!.textContent).toContain('職員のみ');
    expect(await screen.findByText('権限の変更はまだありません')).toBeTruthy();

    // The search waits for the typing to pause, then asks the server.
    fireEvent.change(screen.getByRole('searchbox', { name: '名前またはメールアドレスで検索' }), {
      target: { value: '山口' },
    });
    fireEvent.change(screen.getByLabelText('権限'), { target: { value: 'office' } });
    await waitFor(() =>
      expect(calledWith(calls, 'GET', '/api/admin/users').at(-1)!.options?.query).toMatchObject({
        q: '山口',
        role: 'office',
        page: 1,
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: '山口 太郎さんの権限を変更' }));
    const dialog = await findDialog('権限の変更');
    const next = within(dialog).getByRole('button', { name: '次へ' });
    expect(next.hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '推進室' }));
    fireEvent.click(next);

    const confirm = await findDialog('権限の変更を確認');
    expect(confirm.textContent).toContain('推進室を付与');
    expect(confirm.textContent).toContain('変更後の権限推進室');
    expect(calledWith(calls, 'PUT', `/api/admin/users/${taro.id}/roles`)).toHaveLength(0);
    fireEvent.change(within(confirm).getByLabelText(/^理由/), { target: { value: '人事異動' } });
    fireEvent.click(within(confirm).getByRole('button', { name: '変更する' }));

    const status = await screen.findByText('山口 太郎さんの権限を変更しました（推進室を付与）。');
    expect(status).toBeTruthy();
    const [put] = calledWith(calls, 'PUT', `/api/admin/users/${taro.id}/roles`);
    expect(put!.options?.body).toEqual({
      roles: ['office'],
      expectedRoles: [],
      reason: '人事異動',
    } satisfies UserRolesUpdateRequest);
    // The list and the history are loaded again, and the history shows who changed what, when.
    const historyTable = await screen.findByRole('table', { name: '権限の変更履歴' });
    const entry = within(historyTable).getAllByRole('row')[1]!;
    expect(entry.textContent).toContain('2024/6/3 14:05');
    expect(entry.textContent).toContain('山口 太郎');
    expect(entry.textContent).toContain('推進室を付与');
    expect(entry.textContent).toContain('岩国 誠');
    expect(entry.textContent).toContain('人事異動');
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: '利用者と権限' })).getByText('推進室（権限管理）'),
      ).toBeTruthy(),
    );
  });

  it('makes someone the liaison (所管課担当) of divisions and shows it in the list', async () => {
    const planning = { id: '00000000-0000-4000-8000-00000000d010', name: '企画課' };
    const finance = { id: '00000000-0000-4000-8000-00000000d011', name: '財政課' };
    let liaisonOf: string[] = [finance.id];
    const { api, calls } = fakeApi({
      'GET /api/admin/users': () => page([{ ...taro, liaisonDivisionIds: liaisonOf }]),
      'GET /api/admin/role-changes': () => history([]),
      'GET /api/divisions': () => ({ items: [planning, finance] }),
      [`PUT /api/admin/users/${taro.id}/liaison-divisions`]: (call) => {
        liaisonOf = (call.options?.body as { divisionIds: string[] }).divisionIds;
        return { userId: taro.id, divisions: [planning, finance].filter((d) => liaisonOf.includes(d.id)) };
      },
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });
    const table = await screen.findByRole('table', { name: '利用者と権限' });
    await waitFor(() => expect(table.textContent).toContain('所管課担当: 財政課'));

    fireEvent.click(screen.getByRole('button', { name: '山口 太郎さんの所管課担当を変更' }));
    const dialog = await findDialog(/所管課担当/);
    const group = within(dialog).getByRole('group', { name: '担当する課' });
    expect((within(group).getByRole('checkbox', { name: '財政課' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole('checkbox', { name: '企画課' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('山口 太郎さんを企画課、財政課の所管課担当にしました。')).toBeTruthy();
    expect(
      calledWith(calls, 'PUT', `/api/admin/users/${taro.id}/liaison-divisions`)[0]!.options?.body,
    ).toEqual({
      divisionIds: [finance.id, planning.id],
    });
    await waitFor(() => expect(table.textContent).toContain('所管課担当: 財政課、企画課'));
  });

  it('shows the divisions an Entra group makes someone liaison of, locked in the dialog, and saves only those assigned here', async () => {
    const planning = { id: '00000000-0000-4000-8000-00000000d010', name: '企画課' };
    const finance = { id: '00000000-0000-4000-8000-00000000d011', name: '財政課' };
    const general = { id: '00000000-0000-4000-8000-00000000d012', name: '総務課' };
    let liaisonOf: string[] = [finance.id];
    const { api, calls } = fakeApi({
      'GET /api/admin/users': () =>
        page([{ ...taro, liaisonDivisionIds: liaisonOf, entraLiaisonDivisionIds: [planning.id] }]),
      'GET /api/admin/role-changes': () => history([]),
      'GET /api/divisions': () => ({ items: [planning, finance, general] }),
      [`PUT /api/admin/users/${taro.id}/liaison-divisions`]: (call) => {
        liaisonOf = (call.options?.body as { divisionIds: string[] }).divisionIds;
        return {
          userId: taro.id,
          divisions: [planning, finance, general].filter((d) => liaisonOf.includes(d.id)),
        };
      },
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });
    const table = await screen.findByRole('table', { name: '利用者と権限' });
    await waitFor(() => expect(table.textContent).toContain('所管課担当（Entra）: 企画課'));
    expect(table.textContent).toContain('所管課担当: 財政課');

    const saves = () =>
      calledWith(calls, 'PUT', `/api/admin/users/${taro.id}/liaison-divisions`).map(
        (call) => call.options?.body,
      );
    const openDialog = async () => {
      // Found, not got: until the last dialog has closed, the page behind it is hidden from the roles
      // (a loaded machine was seen querying it in between).
      fireEvent.click(await screen.findByRole('button', { name: '山口 太郎さんの所管課担当を変更' }));
      const dialog = await findDialog(/所管課担当/);
      return { dialog, group: within(dialog).getByRole('group', { name: '担当する課' }) };
    };
    const box = (group: HTMLElement, name: string) =>
      within(group).getByRole('checkbox', { name }) as HTMLInputElement;

    const first = await openDialog();
    const byGroup = box(first.group, '企画課（Entra）');
    expect([byGroup.checked, byGroup.disabled]).toEqual([true, true]);
    expect([box(first.group, '財政課').checked, box(first.group, '財政課').disabled]).toEqual([true, false]);
    expect(first.dialog.textContent).toContain(
      'Entra のグループで担当している課（この画面では外せません）: 企画課。外すには情報システムの担当者にグループの変更を依頼してください。',
    );
    fireEvent.click(box(first.group, '総務課'));
    fireEvent.click(within(first.dialog).getByRole('button', { name: '保存' }));
    // Only the divisions assigned here are sent: the group's never become an assignment.
    await waitFor(() => expect(saves()).toEqual([{ divisionIds: [finance.id, general.id] }]));
    expect(await screen.findByText('山口 太郎さんを財政課、総務課の所管課担当にしました。')).toBeTruthy();
    await waitFor(() => expect(table.textContent).toContain('所管課担当: 財政課、総務課'));

    // Taking away every division assigned here leaves the group's, and says so.
    const second = await openDialog();
    fireEvent.click(box(second.group, '財政課'));
    fireEvent.click(box(second.group, '総務課'));
    expect(box(second.group, '企画課（Entra）').checked).toBe(true);
    fireEvent.click(within(second.dialog).getByRole('button', { name: '保存' }));
    expect(
      await screen.findByText(
        '山口 太郎さんの権限管理での所管課担当をなくしました（Entra のグループによる担当は残ります）。',
      ),
    ).toBeTruthy();
    expect(saves()).toEqual([{ divisionIds: [finance.id, general.id] }, { divisionIds: [] }]);
  });

  it('lets an admin take away an assignment an Entra group also grants, and says the group keeps it', async () => {
    const planning = { id: '00000000-0000-4000-8000-00000000d010', name: '企画課' };
    const { api, calls } = fakeApi({
      'GET /api/admin/users': () =>
        page([{ ...taro, liaisonDivisionIds: [planning.id], entraLiaisonDivisionIds: [planning.id] }]),
      'GET /api/admin/role-changes': () => history([]),
      'GET /api/divisions': () => ({ items: [planning] }),
      [`PUT /api/admin/users/${taro.id}/liaison-divisions`]: () => ({ userId: taro.id, divisions: [] }),
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });
    fireEvent.click(await screen.findByRole('button', { name: '山口 太郎さんの所管課担当を変更' }));
    const dialog = await findDialog(/所管課担当/);
    const both = within(dialog).getByRole('checkbox', { name: '企画課（Entra）' }) as HTMLInputElement;
    expect([both.checked, both.disabled]).toEqual([true, false]);
    expect(dialog.textContent).toContain(
      '企画課はこの画面でも担当に設定されています。この画面で外しても、グループに属している間は担当のままです。',
    );
    fireEvent.click(both);
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(
        calledWith(calls, 'PUT', `/api/admin/users/${taro.id}/liaison-divisions`).map(
          (call) => call.options?.body,
        ),
      ).toEqual([{ divisionIds: [] }]),
    );
  });

  it('says when another admin changed the roles first, and offers to reload', async () => {
    const { api, calls } = fakeApi({
      'GET /api/admin/users': () => page([taro]),
      'GET /api/admin/role-changes': () => history([]),
      [`PUT /api/admin/users/${taro.id}/roles`]: () => {
        throw apiError(
          409,
          'CONFLICT',
          'この利用者の権限は他の管理者が先に変更しました。画面を更新して最新の内容を確認してください。',
        );
      },
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });
    fireEvent.click(await screen.findByRole('button', { name: '山口 太郎さんの権限を変更' }));
    const dialog = await findDialog('権限の変更');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '管理者' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '次へ' }));
    const confirm = await findDialog('権限の変更を確認');
    fireEvent.click(within(confirm).getByRole('button', { name: '変更する' }));

    const alert = await within(confirm).findByRole('alert');
    expect(alert.textContent).toContain('権限を変更できませんでした');
    expect(alert.textContent).toContain('他の管理者が先に変更しました');
    const loads = calledWith(calls, 'GET', '/api/admin/users').length;
    fireEvent.click(within(alert).getByRole('button', { name: '再読み込み' }));
    await waitFor(() => expect(calledWith(calls, 'GET', '/api/admin/users').length).toBeGreaterThan(loads));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not let an admin take away their own admin role, and says Entra roles stay', async () => {
    const meWithEntraOffice = { ...me, entraRoles: ['office' as const] };
    const { api } = fakeApi({
      'GET /api/admin/users': () => page([meWithEntraOffice]),
      'GET /api/admin/role-changes': () =>
        history([
          change({ actor: null, reason: 'デモデータ', user: { id: me.id, displayName: me.displayName } }),
        ]),
    });
    renderPage(<RoleAdminPage />, { api, user: adminUser });
    expect((await screen.findByRole('table', { name: '利用者と権限' })).textContent).toContain(
      '岩国 誠（あなた）',
    );
    const historyTable = await screen.findByRole('table', { name: '権限の変更履歴' });
    expect(within(historyTable).getAllByRole('row')[1]!.textContent).toContain('システム');

    fireEvent.click(screen.getByRole('button', { name: '岩国 誠さんの権限を変更' }));
    const dialog = await findDialog('権限の変更');
    const admin = within(dialog).getByRole('checkbox', { name: '管理者' });
    expect(admin.hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByText(/自分自身の管理者権限は外せません。/)).toBeTruthy();
    expect(dialog.textContent).toContain('Entra で付与されている権限（推進室）はこの画面では外せません。');
  });

  it('is for admins only: others are told so and nothing is asked of the server', async () => {
    const { api, calls } = fakeApi({});
    renderPage(<RoleAdminPage />, { api, user: officeUser });
    expect(await screen.findByText('このページは管理者だけが使えます')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(calls).toHaveLength(0);
  });
});

describe('the way to 権限管理', () => {
  it('is a navigation entry for admins only', async () => {
    for (const [user, shown] of [
      [adminUser, true],
      [officeUser, false],
      [staffUser, false],
    ] as const) {
      const { unmount } = renderPage(<AppHeader />, { api: fakeApi({}).api, user });
      const nav = await screen.findByRole('navigation', { name: 'ページ' });
      expect(within(nav).queryByRole('tab', { name: '権限管理' }) !== null, user.displayName).toBe(shown);
      expect(within(nav).getByRole('tab', { name: '提案一覧' })).toBeTruthy();
      unmount();
    }
  });

  it('is a link on the dashboard for admins in Teams, where there is no header', async () => {
    const teams = {} as TeamsHost;
    for (const [user, shown] of [
      [adminUser, true],
      [officeUser, false],
    ] as const) {
      const { api } = fakeApi({ 'GET /api/dashboard': () => dashboardFixture() });
      const { unmount } = renderPage(<DashboardPage />, { api, user, session: { teams } });
      await screen.findByRole('heading', { name: 'ダッシュボード' });
      const link = screen.queryByRole('link', { name: '権限管理（管理者）' });
      expect(link !== null, user.displayName).toBe(shown);
      if (link) expect(link.getAttribute('href')).toBe('/roles');
      unmount();
    }
  });
});
