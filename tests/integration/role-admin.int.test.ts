import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AdminUserDto, AdminUserPageDto, AssignableRole, ProposalDto, RoleChangePageDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { setUserDatabaseRoles } from '../../bot/src/services/role-admin/role-admin';
import type { EntraPerson } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';

/**
 * 権限管理 through the API with real Entra tokens: only admins list users, set database roles and
 * read the role-change history; every change is recorded with actor and time in its own transaction;
 * the history cannot be altered (no route, and the database refuses UPDATE and DELETE); a role
 * assigned here applies from the very next request.
 */
const people = {
  staff: personas.taro,
  colleague: personas.hanako,
  office: personas.kenichi,
  admin: personas.makoto,
  /** Admin only through the database (assigned in the tests). */
  first: personas.ichiro,
  second: personas.jiro,
} satisfies Record<string, EntraPerson>;
type Who = keyof typeof people;

const notAllowed = 'この操作を行う権限がありません。';

describe('role administration', () => {
  const { ctx, ids, call } = useSignedInApp(people);

  const setRoles = (who: Who, target: Who, body: Record<string, unknown>) =>
    call(who, 'PUT', `/api/admin/users/${ids[target]}/roles`, body);

  const databaseRoles = async (who: Who) =>
    (await queryRows<{ roles: string[] }>(ctx.db, sql`select roles from users where id = ${ids[who]}`))[0]!
      .roles;

  const roleChangeRows = () =>
    queryRows<{
      user_id: string;
      actor_id: string | null;
      roles_before: string[];
      roles_after: string[];
      reason: string | null;
      created_at: Date | string;
    }>(
      ctx.db,
      sql`select user_id, actor_id, roles_before, roles_after, reason, created_at from role_changes order by id`,
    );

  const userIn = (page: AdminUserPageDto, who: Who): AdminUserDto | undefined =>
    page.items.find((item) => item.id === ids[who]);

  it('lets an admin set and clear office; each change is recorded with actor and time in its transaction and applies at once', async () => {
    const { proposal } = await submitProposal(ctx.db, {
      actor: { userId: ids.colleague, roles: [] },
      input: { title: '会議資料のペーパーレス化', body: '本文です。', category: 'paperless' },
      clientRequestId: 'role-admin-1',
    });
    const triage = (who: Who, version: number) =>
      call(who, 'PATCH', `/api/proposals/${proposal.id}`, { version, status: 'under_consideration' });

    const before = (await call('admin', 'GET', '/api/admin/users?q=山口')).json() as AdminUserPageDto;
    expect(userIn(before, 'staff')).toMatchObject({
      displayName: '山口 太郎',
      email: 'taro@pref.example.jp',
      hasEntraAccount: true,
      databaseRoles: [],
      entraRoles: [],
      effectiveRoles: ['staff'],
    });
    expect((await call('staff', 'GET', '/api/proposals/export.csv')).statusCode).toBe(403);
    expect((await triage('staff', proposal.version)).statusCode).toBe(403);

    const startedAt = new Date();
    const assigned = await setRoles('admin', 'staff', {
      roles: ['office'],
      expectedRoles: [],
      reason: '4月の人事異動で推進室へ',
    });
    const finishedAt = new Date();
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      changed: true,
      user: { id: ids.staff, databaseRoles: ['office'], entraRoles: [], effectiveRoles: ['staff', 'office'] },
    });

    // The very next request of the new office member is an office request.
    expect((await call('staff', 'GET', '/api/proposals/export.csv')).statusCode).toBe(200);
    const triaged = await triage('staff', proposal.version);
    expect(triaged.statusCode).toBe(200);
    expect((triaged.json() as ProposalDto).status).toBe('under_consideration');
    expect((await call('staff', 'GET', '/api/me')).json().roles).toEqual(['staff', 'office']);

    const [row] = await roleChangeRows();
    expect(row).toMatchObject({
      user_id: ids.staff,
      actor_id: ids.admin,
      roles_before: [],
      roles_after: ['office'],
      reason: '4月の人事異動で推進室へ',
    });
    const recordedAt = new Date(row!.created_at).getTime();
    expect(recordedAt).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
    expect(recordedAt).toBeLessThanOrEqual(finishedAt.getTime() + 1000);
    // now() is the transaction's start: equal instants mean the role and its record were one transaction.
    const [user] = await queryRows<{ updated_at: Date | string }>(
      ctx.db,
      sql`select updated_at from users where id = ${ids.staff}`,
    );
    expect(new Date(user!.updated_at).getTime()).toBe(recordedAt);

    // The same request again (a double click, a retry) changes and records nothing.
    const again = await setRoles('admin', 'staff', { roles: ['office'], expectedRoles: [] });
    expect(again.statusCode).toBe(200);
    expect(again.json().changed).toBe(false);
    expect(await roleChangeRows()).toHaveLength(1);

    // Roles the admin did not see are not overwritten.
    const stale = await setRoles('admin', 'staff', { roles: ['admin'], expectedRoles: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe(
      'この利用者の権限は他の管理者が先に変更しました。画面を更新して最新の内容を確認してください。',
    );
    expect(await databaseRoles('staff')).toEqual(['office']);

    const cleared = await setRoles('admin', 'staff', { roles: [], expectedRoles: ['office'] });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().user.effectiveRoles).toEqual(['staff']);
    expect((await call('staff', 'GET', '/api/proposals/export.csv')).statusCode).toBe(403);

    const history = (await call('admin', 'GET', '/api/admin/role-changes')).json() as RoleChangePageDto;
    expect(history.total).toBe(2);
    expect(history.items.map((item) => [item.rolesBefore, item.rolesAfter])).toEqual([
      [['office'], []],
      [[], ['office']],
    ]);
    expect(history.items[1]).toMatchObject({
      user: { id: ids.staff, displayName: '山口 太郎' },
      actor: { id: ids.admin, displayName: '岩国 誠' },
      reason: '4月の人事異動で推進室へ',
    });
    const own = (await call('admin', 'GET', `/api/admin/role-changes?userId=${ids.office}`)).json();
    expect(own.total).toBe(0);
  });

  it('writes the roles and their record together: a failing record leaves the roles as they were', async () => {
    // An admin (by token) whose user row does not exist: the record's actor violates its foreign key.
    const ghost = { userId: '11111111-2222-4333-8444-555555555555' };
    await expect(
      setUserDatabaseRoles(
        ctx.db,
        { ...ghost, roles: ['staff', 'admin'], grantedRoles: ['admin'] },
        { userId: ids.staff, roles: ['office'], expectedRoles: [] },
      ),
    ).rejects.toThrow();
    expect(await databaseRoles('staff')).toEqual([]);
    expect(await roleChangeRows()).toEqual([]);
  });

  it('refuses staff and office on every admin route, whatever they send, and changes nothing', async () => {
    await setRoles('admin', 'colleague', { roles: ['office'], expectedRoles: [] });
    const recorded = await roleChangeRows();
    for (const who of ['staff', 'office', 'colleague'] as Who[]) {
      const attempts = [
        await call(who, 'GET', '/api/admin/users'),
        await call(who, 'GET', '/api/admin/users?q=山口&role=admin'),
        await call(who, 'GET', '/api/admin/role-changes'),
        await setRoles(who, who, { roles: ['office', 'admin'], expectedRoles: [] }),
        await setRoles(who, 'staff', { roles: ['admin'], expectedRoles: [] }),
        // Not even told the body is wrong.
        await setRoles(who, 'staff', { roles: 'admin' }),
        await call(who, 'PUT', '/api/admin/users/not-a-uuid/roles', {}),
      ];
      for (const response of attempts) {
        expect(response.statusCode, `${who} ${response.body}`).toBe(403);
        expect(response.json().error).toMatchObject({ code: 'FORBIDDEN', message: notAllowed });
      }
    }
    expect(await roleChangeRows()).toEqual(recorded);
    expect(await databaseRoles('staff')).toEqual([]);
    expect(await databaseRoles('office')).toEqual([]);
    expect(await databaseRoles('colleague')).toEqual(['office']);
  });

  it('keeps the history unalterable: no route changes it and the database refuses UPDATE and DELETE', async () => {
    await setRoles('admin', 'staff', { roles: ['office'], expectedRoles: [], reason: '配属' });
    const recorded = await roleChangeRows();
    expect(recorded).toHaveLength(1);
    const [{ id }] = (await call('admin', 'GET', '/api/admin/role-changes')).json().items;
    for (const [method, url] of [
      ['DELETE', '/api/admin/role-changes'],
      ['DELETE', `/api/admin/role-changes/${id}`],
      ['PATCH', `/api/admin/role-changes/${id}`],
      ['PUT', `/api/admin/role-changes/${id}`],
      ['POST', '/api/admin/role-changes'],
    ] as const) {
      const response = await call('admin', method, url, { reason: '改ざん' });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    await expect(ctx.db.execute(sql`update role_changes set reason = '改ざん'`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`update role_changes set actor_id = null`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from role_changes`)).rejects.toThrow();
    expect(await roleChangeRows()).toEqual(recorded);
  });

  it('never leaves the product without an admin: nobody removes their own admin role, two admins cannot remove each other', async () => {
    for (const who of ['first', 'second'] as Who[])
      expect((await setRoles('admin', who, { roles: ['admin'], expectedRoles: [] })).statusCode).toBe(200);
    // A database admin can do what an Entra admin does…
    expect((await call('first', 'GET', '/api/admin/users')).statusCode).toBe(200);
    // …but not take away their own admin role.
    const own = await setRoles('first', 'first', { roles: ['office'], expectedRoles: ['admin'] });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe(
      '自分自身の管理者権限は外せません。管理者をやめる場合は、ほかの管理者に外してもらってください。',
    );
    expect(await databaseRoles('first')).toEqual(['admin']);
    // Adding office to oneself is fine.
    expect(
      (await setRoles('first', 'first', { roles: ['office', 'admin'], expectedRoles: ['admin'] })).statusCode,
    ).toBe(200);
    // An admin through Entra stays admin without the database role, so they may drop it.
    expect((await setRoles('admin', 'admin', { roles: ['admin'], expectedRoles: [] })).statusCode).toBe(200);
    expect((await setRoles('admin', 'admin', { roles: [], expectedRoles: ['admin'] })).statusCode).toBe(200);

    // The two database admins remove each other at the same moment: exactly one succeeds.
    const [a, b] = await Promise.all([
      setRoles('first', 'second', { roles: [], expectedRoles: ['admin'] }),
      setRoles('second', 'first', { roles: [], expectedRoles: ['office', 'admin'] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 403]);
    // Refused at sign-in or, when both were signed in before either committed, under the lock.
    expect((a.statusCode === 403 ? a : b).json().error.message).toMatch(
      /^(この操作を行う権限がありません。|あなたの管理者権限は他の管理者によって外されたため、権限を変更できません。)$/,
    );
    const admins = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from users where 'admin' = any(roles)`,
    );
    expect(admins).toHaveLength(1);
    expect([ids.first, ids.second]).toContain(admins[0]!.id);
    // The one who lost the role cannot use the admin routes any more.
    const [kept, removed] = (admins[0]!.id === ids.first ? ['first', 'second'] : ['second', 'first']) as [
      Who,
      Who,
    ];
    expect((await call(removed, 'GET', '/api/admin/users')).statusCode).toBe(403);
    // The lock's part, deterministically: the loser as authenticated before the winner committed.
    await expect(
      setUserDatabaseRoles(
        ctx.db,
        { userId: ids[removed], roles: ['staff', 'admin'], grantedRoles: [] },
        { userId: ids[kept], roles: [], expectedRoles: (await databaseRoles(kept)) as AssignableRole[] },
      ),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      userMessage: 'あなたの管理者権限は他の管理者によって外されたため、権限を変更できません。',
    });
    expect(await queryRows(ctx.db, sql`select id from users where 'admin' = any(roles)`)).toEqual(admins);
  });

  it('shows Entra roles as such, searches in Japanese and filters by role, paged', async () => {
    await setRoles('admin', 'office', { roles: ['office'], expectedRoles: [] });
    const list = async (query: string) => {
      const response = await call('admin', 'GET', `/api/admin/users${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as AdminUserPageDto;
    };
    const office = userIn(await list('?q=萩原'), 'office')!;
    expect(office).toMatchObject({
      databaseRoles: ['office'],
      entraRoles: ['office'],
      effectiveRoles: ['staff', 'office'],
    });
    expect(office.entraRolesCheckedAt).not.toBeNull();
    // Removing the database role leaves what Entra grants.
    const removed = await setRoles('admin', 'office', { roles: [], expectedRoles: ['office'] });
    expect(removed.json().user).toMatchObject({ databaseRoles: [], effectiveRoles: ['staff', 'office'] });
    expect((await call('office', 'GET', '/api/proposals/export.csv')).statusCode).toBe(200);

    expect(userIn(await list('?q=岩国'), 'admin')).toMatchObject({
      databaseRoles: [],
      entraRoles: ['admin'],
      effectiveRoles: ['staff', 'admin'],
    });
    // Full-width letters find the e-mail (NFKC), several terms must all match.
    expect((await list('?q=ＴＡＲＯ')).items.map((item) => item.id)).toEqual([ids.staff]);
    expect((await list(`?q=${encodeURIComponent('山口　pref')}`)).items.map((item) => item.id)).toEqual([
      ids.staff,
    ]);
    expect((await list('?q=山口 存在しない')).total).toBe(0);
    expect((await list('?role=office')).items.map((item) => item.id)).toEqual([ids.office]);
    expect((await list('?role=admin')).items.map((item) => item.id)).toEqual([ids.admin]);

    // Holders of a role first, then by name; paged.
    const all = await list('?pageSize=2');
    expect(all.total).toBe(Object.keys(people).length);
    expect(all.items.map((item) => item.id).sort()).toEqual([ids.admin, ids.office].sort());
    const second = await list('?pageSize=2&page=2');
    expect(second.items).toHaveLength(2);
    expect(second.items.some((item) => [ids.admin, ids.office].includes(item.id))).toBe(false);
  });

  it('answers bad input in Japanese', async () => {
    const wrongRole = await setRoles('admin', 'staff', { roles: ['boss'], expectedRoles: [] });
    expect(wrongRole.statusCode).toBe(400);
    expect(JSON.stringify(wrongRole.json().error)).toContain('権限の値が正しくありません。');
    const extra = await setRoles('admin', 'staff', { roles: [], expectedRoles: [], note: 'x' });
    expect(extra.statusCode).toBe(400);
    const longReason = await setRoles('admin', 'staff', {
      roles: ['office'],
      expectedRoles: [],
      reason: 'あ'.repeat(201),
    });
    expect(JSON.stringify(longReason.json().error)).toContain('理由は200文字以内で入力してください。');
    const unknown = await call(
      'admin',
      'PUT',
      '/api/admin/users/00000000-0000-4000-8000-000000000000/roles',
      {
        roles: ['office'],
        expectedRoles: [],
      },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('利用者が見つかりません。');
    const badPage = await call('admin', 'GET', '/api/admin/users?pageSize=1000');
    expect(JSON.stringify(badPage.json().error)).toContain('1ページの件数は100以下で指定してください。');
    expect(await roleChangeRows()).toEqual([]);
  });
});
