import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DashboardDto, OrgChangeListDto, OrgDivisionDto, OrgDivisionListDto } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { seedDemoData } from '../../bot/src/services/demo/seed-demo-data';
import { tabApiCast } from '../helpers/personas';
import { useSignedInApp } from '../helpers/test-context';
import { rowsDigest } from '../helpers/test-database';

/**
 * 組織 through the API with real tokens: admins add, rename, retire and merge divisions, the office
 * only reads, staff see nothing; every change is audited in its transaction; bad requests change
 * nothing; statistics keep the division of the time (rename, retire) or move whole to the survivor
 * (merge), so the dashboard's figures are the same before and after.
 */
describe('organisation: divisions', () => {
  const { ctx, call } = useSignedInApp(tabApiCast);

  const create = async (body: Record<string, unknown>): Promise<OrgDivisionDto> => {
    const response = await call('admin', 'POST', '/api/org/divisions', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const list = async (): Promise<OrgDivisionDto[]> =>
    ((await call('office', 'GET', '/api/org/divisions')).json() as OrgDivisionListDto).items;
  const changes = async (key: string) =>
    ((await call('office', 'GET', `/api/org/changes?entity=division&key=${key}`)).json() as OrgChangeListDto)
      .items;
  const tables = ['divisions', 'master_data_changes', 'users', 'proposals', 'stamps'];

  it('lets admins add a bureau and its division, the office read them, and nobody else', async () => {
    const bureau = await create({ code: 'B01', name: '総務部', kind: 'bureau', sortOrder: 100 });
    const division = await create({ code: 'D0101', name: '人事課', kind: 'division', parentId: bureau.id });
    expect(division).toMatchObject({
      parent: { id: bureau.id, name: '総務部' },
      isActive: true,
      userCount: 0,
    });
    expect((await list()).map((item) => item.name)).toEqual(expect.arrayContaining(['総務部', '人事課']));

    expect((await call('staff', 'GET', '/api/org/divisions')).statusCode).toBe(403);
    const before = await rowsDigest(ctx.db, tables);
    const byOffice = await call('office', 'POST', '/api/org/divisions', {
      code: 'X',
      name: 'X課',
      kind: 'division',
    });
    expect(byOffice.statusCode).toBe(403);
    expect(
      (await call('office', 'PATCH', `/api/org/divisions/${division.id}`, { name: '改名' })).statusCode,
    ).toBe(403);
    expect(await rowsDigest(ctx.db, tables)).toBe(before);

    const [created] = await changes(division.id);
    expect(created).toMatchObject({
      action: 'create',
      actor: { displayName: tabApiCast.admin.name },
      before: null,
      after: { code: 'D0101', name: '人事課', parentId: bureau.id },
    });
  });

  it('refuses bad input with a Japanese message and changes nothing', async () => {
    const bureau = await create({ code: 'B01', name: '総務部', kind: 'bureau' });
    const child = await create({ code: 'D01', name: '人事課', kind: 'division', parentId: bureau.id });
    const before = await rowsDigest(ctx.db, tables);
    const refusals: [string, string, Record<string, unknown>, string][] = [
      [
        'POST',
        '/api/org/divisions',
        { code: 'D02', name: '人事課', kind: 'division' },
        '組織名「人事課」はほかの組織で使われています。',
      ],
      [
        'POST',
        '/api/org/divisions',
        { code: 'D01', name: '新しい課', kind: 'division' },
        '組織コード「D01」はほかの組織で使われています。',
      ],
      [
        'POST',
        '/api/org/divisions',
        { code: 'ｺｰﾄﾞ', name: '新しい課', kind: 'division' },
        '組織コードは半角英数字・ハイフン・アンダースコアで入力してください。',
      ],
      [
        'POST',
        '/api/org/divisions',
        { code: 'D03', name: '', kind: 'division' },
        '組織名を入力してください。',
      ],
      [
        'POST',
        '/api/org/divisions',
        { code: 'D03', name: '課', kind: 'team' },
        '組織の種類が正しくありません。',
      ],
      [
        'PATCH',
        `/api/org/divisions/${bureau.id}`,
        { parentId: child.id },
        '配下の組織を上位組織にはできません。',
      ],
      [
        'PATCH',
        `/api/org/divisions/${bureau.id}`,
        { parentId: bureau.id },
        '自分自身を上位組織にはできません。',
      ],
      [
        'PATCH',
        `/api/org/divisions/${bureau.id}`,
        { isActive: false },
        '配下に有効な組織（人事課）があるため廃止できません。先に配下の組織を移すか廃止してください。',
      ],
      [
        'POST',
        `/api/org/divisions/${bureau.id}/merge`,
        { intoId: child.id },
        '配下の組織には統合できません。',
      ],
      ['POST', `/api/org/divisions/${child.id}/merge`, { intoId: child.id }, '同じ組織には統合できません。'],
    ];
    for (const [method, url, body, message] of refusals) {
      const response = await call('admin', method, url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json().error.message, JSON.stringify(body)).toBe(message);
    }
    const unknown = await call('admin', 'PATCH', '/api/org/divisions/00000000-0000-4000-8000-000000000000', {
      name: '何か',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('組織が見つかりません。');
    expect(await rowsDigest(ctx.db, tables)).toBe(before);
  });

  const dashboard = async (divisionId?: string): Promise<DashboardDto> => {
    const query = divisionId ? `&divisionId=${divisionId}` : '';
    const response = await call('office', 'GET', `/api/dashboard?fiscalYear=2024${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const { generatedAt: _ignored, ...figures } = response.json() as DashboardDto;
    return figures as DashboardDto;
  };
  const divisionIdOf = async (name: string) =>
    (await queryRows<{ id: string }>(ctx.db, sql`select id from divisions where name = ${name}`))[0]!.id;

  it('keeps the statistics of a renamed and a retired division, and gives a retired one nothing new', async () => {
    await seedDemoData(ctx.db);
    const id = await divisionIdOf('人事課');
    const whole = await dashboard();
    const own = await dashboard(id);
    expect(own.statusTable.total).toBeGreaterThan(0);

    const renamed = await call('admin', 'PATCH', `/api/org/divisions/${id}`, {
      name: '人事企画課',
      reason: '組織改編',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const relabel = (dto: DashboardDto) => JSON.parse(JSON.stringify(dto).replaceAll('人事課', '人事企画課'));
    expect(await dashboard(id)).toEqual(relabel(own));
    expect(await dashboard()).toEqual(relabel(whole));

    // Its people move elsewhere first (as 人事異動 would), then it is retired: figures stay.
    const other = await divisionIdOf('総務課');
    await ctx.db.execute(sql`update users set division_id = ${other} where division_id = ${id}`);
    const retired = await call('admin', 'PATCH', `/api/org/divisions/${id}`, { isActive: false });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ isActive: false, name: '人事企画課' });
    expect(await dashboard(id)).toEqual(relabel(own));
    expect(
      (await call('staff', 'GET', '/api/divisions')).json().items.map((d: { id: string }) => d.id),
    ).not.toContain(id);

    const [proposal] = await queryRows<{ id: string; version: number }>(
      ctx.db,
      sql`select id, version from proposals limit 1`,
    );
    const assign = await call('office', 'PATCH', `/api/proposals/${proposal!.id}`, {
      version: proposal!.version,
      responsibleDivisionId: id,
    });
    expect(assign.statusCode).toBe(400);
    expect(assign.json().error.message).toBe('「人事企画課」は廃止された組織のため指定できません。');

    expect(
      (await changes(id)).map((change) => [
        change.action,
        change.before?.name,
        change.after?.name,
        change.reason,
      ]),
    ).toEqual([
      ['retire', '人事企画課', '人事企画課', null],
      ['rename', '人事課', '人事企画課', '組織改編'],
    ]);
  });

  it('moves every reference of a merged division to the survivor, with the same figures in total', async () => {
    await seedDemoData(ctx.db);
    // Two divisions with rows of their own in the dashboard's breakdown (not in its 「その他」 roll-up).
    const whole = await dashboard();
    const keys = whole.byProposerDivision.filter((row) => row.key && !row.isRest).map((row) => row.key!);
    const [into, from] = [keys[0]!, keys[1]!];
    const [fromName, intoName] = [from, into].map(
      (id) => whole.byProposerDivision.find((row) => row.key === id)!.label,
    );
    const [fromFigures, intoFigures] = [await dashboard(from), await dashboard(into)];
    const references = async (id: string) =>
      (
        await queryRows<{ n: number }>(
          ctx.db,
          sql`select (select count(*) from users where division_id = ${id})
                   + (select count(*) from proposals where proposer_division_id = ${id} or responsible_division_id = ${id})
                   + (select count(*) from stamps where sender_division_id = ${id} or recipient_division_id = ${id})
                   + (select count(*) from priority_projects where owner_division_id = ${id}) as n`,
        )
      )[0]!.n;
    expect(Number(await references(from))).toBeGreaterThan(0);

    const response = await call('admin', 'POST', `/api/org/divisions/${from}/merge`, {
      intoId: into,
      reason: '統合',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(Number(await references(from))).toBe(0);
    const merged = (await list()).find((division) => division.id === from)!;
    expect(merged).toMatchObject({ isActive: false, mergedInto: { id: into }, userCount: 0 });
    expect(merged.mergedInto?.name).toBe(intoName);

    const after = await dashboard(into);
    expect(after.statusTable.total).toBe(fromFigures.statusTable.total + intoFigures.statusTable.total);
    expect(after.stamps.total).toBe(fromFigures.stamps.total + intoFigures.stamps.total);
    const afterWhole = await dashboard();
    expect(afterWhole.statusTable).toEqual(whole.statusTable);
    expect(afterWhole.monthly).toEqual(whole.monthly);
    expect(afterWhole.stamps.total).toBe(whole.stamps.total);
    const rowOf = (dto: DashboardDto, id: string) => dto.byProposerDivision.find((row) => row.key === id);
    expect(rowOf(afterWhole, from)).toBeUndefined();
    expect(rowOf(afterWhole, into)?.total).toBe(
      (rowOf(whole, from)?.total ?? 0) + (rowOf(whole, into)?.total ?? 0),
    );

    const [mergeEntry] = await changes(from);
    expect(mergeEntry).toMatchObject({ action: 'merge', reason: '統合', after: { mergedIntoId: into } });
    expect(mergeEntry!.after!.moved).toMatchObject({
      proposerDivision: expect.any(Number),
      users: expect.any(Number),
    });
    expect((await changes(into))[0]).toMatchObject({
      action: 'merge_in',
      after: { mergedFromName: fromName },
    });

    // A row written afterwards with the merged division (it read a person's division just before the
    // merge) names the survivor: the database redirects it.
    const [sender] = await queryRows<{ id: string }>(ctx.db, sql`select id from users limit 1`);
    const [recipient] = await queryRows<{ id: string }>(ctx.db, sql`select id from users offset 1 limit 1`);
    const [kind] = await queryRows<{ code: string }>(ctx.db, sql`select code from stamp_kinds limit 1`);
    const [late] = await queryRows<{ sender_division_id: string }>(
      ctx.db,
      sql`insert into stamps (kind_code, sender_id, recipient_id, sender_division_id, request_id)
          values (${kind!.code}, ${sender!.id}, ${recipient!.id}, ${from}, 'late-stamp') returning sender_division_id`,
    );
    expect(late!.sender_division_id).toBe(into);
    const [moved] = await queryRows<{ division_id: string }>(
      ctx.db,
      sql`update users set division_id = ${from} where id = ${sender!.id} returning division_id`,
    );
    expect(moved!.division_id).toBe(into);

    const again = await call('admin', 'POST', `/api/org/divisions/${from}/merge`, { intoId: into });
    expect(again.json().error.message).toBe(`「${fromName}」はすでに統合されています。`);
  });

  it('migration division_departments_to_parents turns the free-text 部局 into parent divisions', async () => {
    const folder = new URL('../../bot/src/data/migrations/', import.meta.url);
    const file = readdirSync(folder).find((name) => name.endsWith('_division_departments_to_parents.sql'))!;
    const statements = readFileSync(new URL(file, folder), 'utf8').split('--> statement-breakpoint');
    const rollback = new Error('rollback');
    const result = await ctx.db
      .transaction(async (tx) => {
        // The column as it was before the migration that drops it, with divisions as they were.
        await tx.execute(sql`alter table divisions add column department text`);
        await tx.execute(sql`insert into divisions (code, name, department) values
          ('0101', '人事課', '総務部'), ('0102', '財政課', ' 総務部 '), ('0201', '観光課', '観光部'),
          ('0202', '観光部', null), ('0301', '議事課', null)`);
        for (const statement of statements) await tx.execute(sql.raw(statement));
        const rows = await queryRows<{ name: string; kind: string; parent: string | null }>(
          tx,
          sql`select d.name, d.kind, p.name as parent from divisions d left join divisions p on p.id = d.parent_id
              order by d.name collate "C"`,
        );
        const audited = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from master_data_changes where entity = 'division' and action = 'create'`,
        );
        throw Object.assign(rollback, { rows, audited: audited[0]!.n });
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
        return rollback as Error & { rows: unknown[]; audited: number };
      });
    expect(result.rows).toEqual([
      { name: '人事課', kind: 'division', parent: '総務部' },
      { name: '総務部', kind: 'bureau', parent: null },
      { name: '観光課', kind: 'division', parent: '観光部' },
      { name: '観光部', kind: 'bureau', parent: null },
      { name: '議事課', kind: 'division', parent: null },
      { name: '財政課', kind: 'division', parent: '総務部' },
    ]);
    // Only 総務部 was created (観光部 existed already and became a bureau).
    expect(result.audited).toBe(1);
  });
});
