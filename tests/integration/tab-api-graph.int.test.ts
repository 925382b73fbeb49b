import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/src/app';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { setUserRoles } from '../../bot/src/data/repositories/user-roles-repository';
import { createGraphServices } from '../../bot/src/graph/graph-services';
import { createOnBehalfOfDirectory } from '../../bot/src/graph/on-behalf-of';
import {
  bearer,
  entraClientId,
  entraTenantId,
  startEntraStub,
  type EntraPerson,
  type EntraStub,
} from '../helpers/entra-token';
import { graphClientSecret, startGraphStub, type GraphStub } from '../helpers/graph-stub';
import { personas } from '../helpers/personas';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

const officeGroup = 'a1b2c3d4-0000-4000-8000-00000000office';
const consentMessage = 'Microsoft Graph へのアクセスに同意が必要です。表示される画面で同意してください。';

let personCounter = 0;
const newPerson = (name = personas.taro.name): EntraPerson => {
  personCounter += 1;
  return { oid: `d1000000-0000-4000-8000-${String(personCounter).padStart(12, '0')}`, name };
};

/** A token whose groups did not fit ("groups overage"), as Entra issues it. */
const overageClaims = (oid: string) => ({
  _claim_names: { groups: 'src1' },
  _claim_sources: {
    src1: { endpoint: `https://graph.windows.net/${entraTenantId}/users/${oid}/getMemberObjects` },
  },
});

describe('tab API and Microsoft Graph', () => {
  const ctx = useTestDatabase();
  let entra: EntraStub;
  let graph: GraphStub;
  const apps: FastifyInstance[] = [];
  let app: FastifyInstance;

  const graphEnv = (extra: Record<string, string> = {}) =>
    entra.env({
      GRAPH_ENABLED: 'true',
      BOT_APP_ID: entraClientId,
      BOT_TENANT_ID: entraTenantId,
      SECRET_BOT_APP_PASSWORD: graphClientSecret,
      ...extra,
    });
  const appWith = async (env: Record<string, string>) => {
    const config = testConfig(env);
    const built = await buildApp({
      config,
      database: await getTestDatabase(),
      graph: createGraphServices(config, { fetch: graph.fetch }),
    });
    apps.push(built);
    return built;
  };

  beforeAll(async () => {
    entra = await startEntraStub();
    graph = await startGraphStub({ clientId: entraClientId });
    app = await appWith(graphEnv());
  });
  afterAll(async () => {
    for (const built of apps) await built.close();
    await graph?.close();
    await entra?.close();
  });
  beforeEach(() => {
    graph.requests.length = 0;
    graph.people.clear();
    graph.setGraphDown(false);
  });

  const me = async (person: EntraPerson, target = app, claims?: Record<string, unknown>) =>
    target.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer(await entra.sign(person, claims ? { claims } : {})),
    });
  const userRow = async (oid: string) =>
    (
      await queryRows<{ division: string | null; checked: boolean }>(
        ctx.db,
        sql`select d.name as division, u.division_checked_at is not null as checked
            from users u left join divisions d on d.id = u.division_id where u.aad_object_id = ${oid}`,
      )
    )[0];
  const divisionCount = async () =>
    (await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from divisions`))[0]!.n;

  describe('division on behalf of the user (GET /api/me)', () => {
    it('exchanges the SSO token on behalf of the user and records a known division once', async () => {
      await ensureDivisions(ctx.db, [{ name: '人事課' }, { name: '財政課' }]);
      const person = newPerson();
      graph.people.set(person.oid, { department: ' 人事課 ' });
      const token = await entra.sign(person);

      const response = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().division).toMatchObject({ name: '人事課' });
      expect(await userRow(person.oid)).toEqual({ division: '人事課', checked: true });

      // The real on-behalf-of request: the user's token as assertion, the app's credential, User.Read.
      const [exchange] = graph.tokenRequests();
      expect(exchange!.path).toBe(`/${entraTenantId}/oauth2/v2.0/token`);
      const form = new URLSearchParams(exchange!.body);
      expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      expect(form.get('requested_token_use')).toBe('on_behalf_of');
      expect(form.get('assertion')).toBe(token);
      expect(form.get('client_id')).toBe(entraClientId);
      expect(form.get('scope')?.split(' ')).toContain('https://graph.microsoft.com/User.Read');
      expect(graph.graphRequests()).toMatchObject([
        {
          method: 'GET',
          path: '/v1.0/me',
          search: '?$select=department',
          authorization: `Bearer obo-${person.oid}`,
        },
      ]);

      // Known now: no more Graph calls.
      graph.requests.length = 0;
      expect((await me(person)).json().division).toMatchObject({ name: '人事課' });
      expect(graph.requests).toEqual([]);
    });

    it('creates no division for an unknown department and does not ask again within the week', async () => {
      await ensureDivisions(ctx.db, [{ name: '人事課' }]);
      const person = newPerson();
      graph.people.set(person.oid, { department: '存在しない課' });
      const response = await me(person);
      expect(response.statusCode).toBe(200);
      expect(response.json().division).toBeNull();
      expect(await divisionCount()).toBe(1);
      expect(await userRow(person.oid)).toEqual({ division: null, checked: true });
      graph.requests.length = 0;
      expect((await me(person)).statusCode).toBe(200);
      expect(graph.requests).toEqual([]);
    });

    it.each(['consent', 'consentWithoutSuberror'] as const)(
      'answers 403 CONSENT_REQUIRED when Entra asks for consent (%s), writes nothing, and works after consent',
      async (failure) => {
        await ensureDivisions(ctx.db, [{ name: '人事課' }]);
        const person = newPerson();
        graph.people.set(person.oid, { department: '人事課', failure });
        const refused = await me(person);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toEqual({
          error: { code: 'CONSENT_REQUIRED', message: consentMessage, requestId: expect.any(String) },
        });
        expect(await userRow(person.oid)).toEqual({ division: null, checked: false });
        expect(graph.graphRequests()).toEqual([]);
        // Other routes do not need Graph and keep working meanwhile.
        const proposals = await app.inject({
          url: '/api/proposals',
          headers: bearer(await entra.sign(person)),
        });
        expect(proposals.statusCode).toBe(200);

        // The user consented in the popup; the tab retries.
        graph.people.set(person.oid, { department: '人事課' });
        const retried = await me(person);
        expect(retried.statusCode).toBe(200);
        expect(retried.json().division).toMatchObject({ name: '人事課' });
      },
    );

    it.each([
      ['Graph answers 503', { failure: 'graphDown' as const }],
      ['the token endpoint drops the connection', { failure: 'entraDown' as const }],
    ])('still answers /api/me when %s, and tries again next time', async (_name, behaviour) => {
      await ensureDivisions(ctx.db, [{ name: '人事課' }]);
      const person = newPerson();
      graph.people.set(person.oid, { department: '人事課', ...behaviour });
      const response = await me(person);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().division).toBeNull();
      expect(await userRow(person.oid)).toEqual({ division: null, checked: false });

      graph.people.set(person.oid, { department: '人事課' });
      expect((await me(person)).json().division).toMatchObject({ name: '人事課' });
    });

    it('gives up on a Graph that does not answer in time', async () => {
      const hanging = createOnBehalfOfDirectory(
        {
          tenantId: entraTenantId,
          clientId: entraClientId,
          credential: { clientSecret: graphClientSecret },
          authorityHost: 'https://login.microsoftonline.com',
          baseUrl: 'https://graph.microsoft.com',
          // Never answers, but honours the abort signal as the platform's fetch does.
          fetch: (_input, init) =>
            new Promise((_resolve, reject) =>
              init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
            ),
        },
        { timeoutMs: 200 },
      );
      const started = Date.now();
      const error = await hanging.getMyDepartment(await entra.sign(newPerson())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as { code?: string }).code).not.toBe('CONSENT_REQUIRED');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('leaves a user who already has a division alone, and calls nobody with Graph disabled', async () => {
      const [division] = [...(await ensureDivisions(ctx.db, [{ name: '財政課' }])).values()];
      const person = newPerson();
      graph.people.set(person.oid, { department: '人事課' });
      await me(person, app);
      await ctx.db.execute(
        sql`update users set division_id = ${division}, division_checked_at = null where aad_object_id = ${person.oid}`,
      );
      graph.requests.length = 0;
      expect((await me(person)).json().division).toMatchObject({ name: '財政課' });
      expect(graph.requests).toEqual([]);

      const disabled = await appWith(graphEnv({ GRAPH_ENABLED: 'false' }));
      const stranger = newPerson();
      graph.people.set(stranger.oid, { department: '財政課' });
      const response = await me(stranger, disabled);
      expect(response.statusCode).toBe(200);
      expect(response.json().division).toBeNull();
      expect(graph.requests).toEqual([]);
    });
  });

  describe('groups overage', () => {
    it('asks Graph with the app credential which office groups the user is in, and remembers it', async () => {
      const member = newPerson('萩原 健一');
      graph.people.set(member.oid, { groups: ['some-other-group', officeGroup] });
      const first = await me(member, app, overageClaims(member.oid));
      expect(first.statusCode).toBe(200);
      expect(first.json().roles).toEqual(['staff', 'office']);
      const checks = graph.graphRequests().filter((request) => request.path.endsWith('/checkMemberGroups'));
      expect(checks).toHaveLength(1);
      expect(checks[0]!.path).toBe(`/v1.0/users/${member.oid}/checkMemberGroups`);
      expect(JSON.parse(checks[0]!.body)).toEqual({ groupIds: [officeGroup] });
      // The app's own token (client credentials), not one on the user's behalf.
      expect(checks[0]!.authorization).toBe('Bearer app-token-1');

      // The office role works on office routes; the answer is reused for the next requests.
      const exported = await app.inject({
        url: '/api/proposals/export.csv',
        headers: bearer(await entra.sign(member, { claims: overageClaims(member.oid) })),
      });
      expect(exported.statusCode).toBe(200);
      expect(
        graph.graphRequests().filter((request) => request.path.endsWith('/checkMemberGroups')),
      ).toHaveLength(1);

      const outsider = newPerson();
      graph.people.set(outsider.oid, { groups: ['some-other-group'] });
      expect((await me(outsider, app, overageClaims(outsider.oid))).json().roles).toEqual(['staff']);
    });

    it('falls back to app roles and database roles when Graph fails or is not configured', async () => {
      graph.setGraphDown(true);
      const person = newPerson();
      graph.people.set(person.oid, { groups: [officeGroup] });
      const failed = await me(person, app, overageClaims(person.oid));
      expect(failed.statusCode).toBe(200);
      expect(failed.json().roles).toEqual(['staff']);

      // Assigned in the database by an admin: still office.
      const userId = failed.json().id as string;
      await setUserRoles(ctx.db, userId, ['office']);
      expect((await me(person, app, overageClaims(person.oid))).json().roles).toEqual(['staff', 'office']);

      const withoutGraph = await appWith(entra.env());
      const other = newPerson();
      graph.people.set(other.oid, { groups: [officeGroup] });
      graph.requests.length = 0;
      expect((await me(other, withoutGraph, overageClaims(other.oid))).json().roles).toEqual(['staff']);
      expect(
        (await me({ ...other, roles: ['Office'] }, withoutGraph, overageClaims(other.oid))).json().roles,
      ).toEqual(['staff', 'office']);
      expect(graph.requests).toEqual([]);
    });
  });
});
