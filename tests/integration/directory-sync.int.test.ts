import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DepartmentMappingListDto, DirectorySyncResultDto, OrgChangeListDto } from '#shared';
import { buildApp } from '../../bot/src/app';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { createGraphServices } from '../../bot/src/graph/graph-services';
import { bearer, entraClientId, entraTenantId, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { graphClientSecret, startGraphStub, type GraphStub } from '../helpers/graph-stub';
import { tabApiCast } from '../helpers/personas';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase, rowsDigest } from '../helpers/test-database';

/**
 * The directory sync against the local Graph stub: the delta query read page by page (a full read,
 * then only the changes), each known user's Entra department taken through 「Entraの部署名 → 所属」.
 * A name nobody mapped waits in the review list and creates no division; an admin maps it and its
 * people get the division; everything is audited; an expired delta link starts over.
 */
const outsider = 'ffffffff-0000-4000-8000-000000000001';

describe('directory sync (Graph delta query) and the department mapping', () => {
  const ctx = useTestDatabase();
  let entra: EntraStub;
  let graph: GraphStub;
  let app: FastifyInstance;
  let tokens: Record<keyof typeof tabApiCast, string>;
  const ids = {} as Record<keyof typeof tabApiCast, string>;

  beforeAll(async () => {
    entra = await startEntraStub();
    graph = await startGraphStub({ clientId: entraClientId, deltaPageSize: 2 });
    const config = testConfig(
      entra.env({
        GRAPH_ENABLED: 'true',
        BOT_APP_ID: entraClientId,
        BOT_TENANT_ID: entraTenantId,
        SECRET_BOT_APP_PASSWORD: graphClientSecret,
      }),
    );
    app = await buildApp({
      config,
      database: await getTestDatabase(),
      graph: createGraphServices(config, { fetch: graph.fetch }),
    });
    tokens = await entra.signAll(tabApiCast);
  });
  afterAll(async () => {
    await app?.close();
    await graph?.close();
    await entra?.close();
  });
  beforeEach(async () => {
    graph.people.clear();
    graph.requests.length = 0;
    for (const who of Object.keys(tabApiCast) as (keyof typeof tabApiCast)[]) {
      // Signing in looks the department up (on behalf of the user): none yet.
      ids[who] = (await call(who, 'GET', '/api/me')).json().id;
    }
  });

  const call = (who: keyof typeof tabApiCast, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: bearer(tokens[who]),
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const sync = async (): Promise<DirectorySyncResultDto> => {
    const response = await call('admin', 'POST', '/api/org/directory-sync');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const deltaRequests = () =>
    graph
      .graphRequests()
      .filter((request) => request.path === '/v1.0/users/delta')
      .map((request) => request.search);
  const mappings = async () =>
    ((await call('office', 'GET', '/api/org/department-mappings')).json() as DepartmentMappingListDto).items;
  const divisionOf = async (who: keyof typeof tabApiCast) =>
    (
      await queryRows<{ name: string | null }>(
        ctx.db,
        sql`select d.name from users u left join divisions d on d.id = u.division_id where u.id = ${ids[who]}`,
      )
    )[0]!.name;
  const divisionCount = async () =>
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from divisions`))[0]!.n;

  it('maps known names, queues unknown ones for review, then follows only the changes', async () => {
    await ensureDivisions(ctx.db, [{ name: '人事課' }, { name: '総務課' }]);
    const divisionsBefore = await divisionCount();
    graph.changePerson(tabApiCast.staff.oid, { department: '人事課' });
    graph.changePerson(tabApiCast.other.oid, { department: '総合企画部 デジタル推進課' });
    graph.changePerson(tabApiCast.office.oid, { department: ' 人事課 ' });
    graph.changePerson(outsider, { department: '外部団体' });
    graph.changePerson(tabApiCast.admin.oid, { department: null });

    const first = await sync();
    // Five users, two a page: three pages, the last with the delta link.
    expect(first).toEqual({ pages: 3, users: 4, assigned: 2, waiting: 1, unchanged: 1, restarted: false });
    expect(deltaRequests()).toEqual(['?$select=id,department', '?$skiptoken=-1.2', '?$skiptoken=-1.4']);
    expect(await divisionOf('staff')).toBe('人事課');
    expect(await divisionOf('office')).toBe('人事課');
    expect(await divisionOf('other')).toBeNull();
    expect(await divisionCount()).toBe(divisionsBefore);
    // Names waiting for review come first (then by name, in the server's collation: compared as sets here).
    const review = (await mappings()).map((item) => [
      item.departmentName,
      item.state,
      item.division?.name ?? null,
      item.userCount,
    ]);
    expect(review.slice(0, 2).sort()).toEqual([
      ['外部団体', 'pending', null, 0],
      ['総合企画部 デジタル推進課', 'pending', null, 1],
    ]);
    expect(review.slice(2)).toEqual([['人事課', 'mapped', '人事課', 2]]);

    // The next round asks only for the changes since the delta link.
    graph.requests.length = 0;
    graph.changePerson(tabApiCast.staff.oid, { department: '総務課' });
    graph.removePerson(outsider);
    const second = await sync();
    expect(second).toMatchObject({ pages: 1, users: 1, assigned: 1 });
    expect(deltaRequests()).toEqual(['?$deltatoken=5']);
    expect(await divisionOf('staff')).toBe('総務課');

    const history = (
      await call('office', 'GET', `/api/org/changes?entity=user_division&key=${ids.staff}`)
    ).json() as OrgChangeListDto;
    expect(history.items.map((item) => [item.actor, item.reason, item.after?.departmentName])).toEqual([
      [null, 'ディレクトリ同期', '総務課'],
      [null, 'ディレクトリ同期', '人事課'],
    ]);
  });

  it('lets an admin map a waiting name, which gives its people the division; bad input changes nothing', async () => {
    const [digital] = [(await ensureDivisions(ctx.db, [{ name: 'デジタル推進課' }])).get('デジタル推進課')!];
    graph.changePerson(tabApiCast.other.oid, { department: '総合企画部 デジタル推進課' });
    await sync();
    const [waiting] = await mappings();
    expect(waiting).toMatchObject({ departmentName: '総合企画部 デジタル推進課', state: 'pending' });

    const before = await rowsDigest(ctx.db, ['department_mappings', 'users', 'master_data_changes']);
    const put = (who: 'admin' | 'office', body: Record<string, unknown>) =>
      call(who, 'PUT', `/api/org/department-mappings/${waiting!.id}`, body);
    expect((await put('office', { state: 'mapped', divisionId: digital })).statusCode).toBe(403);
    const bad = await put('admin', { state: 'mapped' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('「対応済み」にするときだけ所属を指定してください。');
    expect(await rowsDigest(ctx.db, ['department_mappings', 'users', 'master_data_changes'])).toBe(before);

    const mapped = await put('admin', { state: 'mapped', divisionId: digital, reason: '部署名の確認' });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json()).toMatchObject({
      assignedUsers: 1,
      mapping: { state: 'mapped', division: { name: 'デジタル推進課' } },
    });
    expect(await divisionOf('other')).toBe('デジタル推進課');
    const audit = (
      await call('office', 'GET', `/api/org/changes?entity=department_mapping&key=${waiting!.id}`)
    ).json() as OrgChangeListDto;
    expect(
      audit.items.map((item) => [item.action, item.actor?.displayName ?? null, item.after?.state]),
    ).toEqual([
      ['map', tabApiCast.admin.name, 'mapped'],
      ['create', null, 'pending'],
    ]);
  });

  it('starts over with a full read when the saved delta link has expired', async () => {
    graph.changePerson(tabApiCast.staff.oid, { department: '人事課' });
    await ctx.db.execute(sql`insert into directory_sync_state (name, delta_link)
      values ('users', 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=expired')`);
    const result = await sync();
    expect(result).toMatchObject({ restarted: true, pages: 1, users: 1 });
    expect(deltaRequests()).toEqual(['?$deltatoken=expired', '?$select=id,department']);
  });
});
