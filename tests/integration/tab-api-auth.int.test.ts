import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/src/app';
import { queryRows } from '../../bot/src/data/database';
import { ensureDivisions } from '../../bot/src/data/repositories/divisions-repository';
import { demoUsers } from '../../bot/src/services/demo/seed-demo-data';
import {
  bearer,
  entraApiUri,
  otherTenantId,
  startEntraStub,
  type EntraPerson,
  type EntraStub,
} from '../helpers/entra-token';
import { tamperedToken } from '../helpers/jwt';
import { personas } from '../helpers/personas';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

const taro: EntraPerson = personas.taro;

const expectUnauthenticated = (response: { statusCode: number; json: () => unknown; headers: object }) => {
  expect(response.statusCode).toBe(401);
  const body = response.json() as { error: Record<string, unknown> };
  expect(body).toEqual({
    error: { code: 'UNAUTHENTICATED', message: 'サインインが必要です。', requestId: expect.any(String) },
  });
  expect(JSON.stringify(body)).not.toMatch(/jose|JWS|JWT|stack|at /i);
};

describe('tab API authentication', () => {
  const ctx = useTestDatabase();
  let stub: EntraStub;
  const apps: FastifyInstance[] = [];
  const appWith = async (env: Record<string, string>) => {
    const app = await buildApp({ config: testConfig(env), database: await getTestDatabase() });
    apps.push(app);
    return app;
  };
  let entraApp: FastifyInstance;

  beforeAll(async () => {
    stub = await startEntraStub();
    entraApp = await appWith(stub.env());
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await stub.close();
  });

  const me = (app: FastifyInstance, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/api/me', headers });

  it('accepts a valid SSO token, creates the user once and keeps their name current', async () => {
    const first = await me(entraApp, bearer(await stub.sign(taro)));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      aadObjectId: taro.oid,
      displayName: '山口 太郎',
      email: 'taro@pref.example.jp',
      roles: ['staff'],
      division: null,
    });
    const renamed = await me(entraApp, bearer(await stub.sign({ ...taro, name: '山口 太郎（総務部）' })));
    expect(renamed.statusCode).toBe(200);
    const rows = await queryRows<{ display_name: string; tenant_id: string }>(
      ctx.db,
      sql`select display_name, tenant_id from users where aad_object_id = ${taro.oid}`,
    );
    expect(rows).toEqual([{ display_name: '山口 太郎（総務部）', tenant_id: stub.env().AUTH_TENANT_ID }]);
  });

  it('accepts v1 tokens (sts.windows.net issuer, api:// audience, upn)', async () => {
    const response = await me(entraApp, bearer(await stub.sign(taro, { version: 'v1' })));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: taro.email });
  });

  it('maps app roles and office groups to roles, added to those in the database', async () => {
    const office = await me(entraApp, bearer(await stub.sign({ ...taro, roles: ['Office'] })));
    expect(office.json().roles).toEqual(['staff', 'office']);
    const group = await me(
      entraApp,
      bearer(await stub.sign({ ...taro, groups: ['a1b2c3d4-0000-4000-8000-00000000office'] })),
    );
    expect(group.json().roles).toEqual(['staff', 'office']);
    const admin = await me(entraApp, bearer(await stub.sign({ ...taro, roles: ['Admin', 'Unrelated'] })));
    expect(admin.json().roles).toEqual(['staff', 'admin']);
    // The roles of a token are not stored: the next token without them is plain staff.
    expect((await me(entraApp, bearer(await stub.sign(taro)))).json().roles).toEqual(['staff']);
  });

  it.each([
    ['no Authorization header', async () => ({})],
    ['a malformed header', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['garbage', async () => bearer('not.a.token')],
    ['the wrong audience', async () => bearer(await stub.sign(taro, { audience: 'api://other-app' }))],
    [
      'another tenant (tid and issuer)',
      async () => bearer(await stub.sign(taro, { tenantId: otherTenantId })),
    ],
    [
      'another tenant in tid only',
      async () => bearer(await stub.sign(taro, { claims: { tid: otherTenantId } })),
    ],
    [
      "another tenant's issuer only",
      async () =>
        bearer(await stub.sign(taro, { issuer: `https://login.microsoftonline.com/${otherTenantId}/v2.0` })),
    ],
    ['an expired token', async () => bearer(await stub.sign(taro, { expiresIn: -120 }))],
    ['a token without expiry', async () => bearer(await stub.sign(taro, { claims: { exp: undefined } }))],
    ['an unsigned token (alg none)', async () => bearer(await stub.sign(taro, { forgery: 'unsigned' }))],
    [
      'HS256 keyed with the public key',
      async () => bearer(await stub.sign(taro, { forgery: 'hmacWithPublicKey' })),
    ],
    ['an unknown signing key', async () => bearer(await stub.sign(taro, { key: 'untrusted' }))],
    [
      "another key under the trusted key's id",
      async () => bearer(await stub.sign(taro, { forgery: 'signedByOtherKey' })),
    ],
    ['a token without the access_as_user scope', async () => bearer(await stub.sign(taro, { scope: null }))],
    ['a token with another scope', async () => bearer(await stub.sign(taro, { scope: 'User.Read' }))],
    ['a token without oid', async () => bearer(await stub.sign(taro, { claims: { oid: undefined } }))],
  ])('refuses %s with 401', async (_name, headers) => {
    const response = await me(entraApp, await headers());
    expectUnauthenticated(response);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('creates no user for refused tokens and protects every /api route, not the health checks', async () => {
    await me(entraApp, bearer(await stub.sign(taro, { audience: entraApiUri + 'x' })));
    const [count] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from users`);
    expect(count!.n).toBe(0);
    for (const url of ['/api/proposals', '/api/divisions', '/api/stamp-kinds', '/api/no-such-route']) {
      expectUnauthenticated(await entraApp.inject({ url }));
    }
    expect((await entraApp.inject({ url: '/healthz' })).statusCode).toBe(200);
    // The bot endpoint has its own authentication (not registered in this app: 404, not 401).
    expect((await entraApp.inject({ method: 'POST', url: '/api/messages', payload: {} })).statusCode).toBe(
      404,
    );
  });

  it('offers no development sign-in in entra mode', async () => {
    expect((await entraApp.inject({ url: '/api/dev/users' })).statusCode).toBe(404);
    const signIn = await entraApp.inject({
      method: 'POST',
      url: '/api/dev/sign-in',
      payload: { aadObjectId: demoUsers[0]!.aadObjectId },
    });
    expect(signIn.statusCode).toBe(404);
  });

  describe('development mode', () => {
    let devApp: FastifyInstance;
    beforeAll(async () => {
      devApp = await appWith(stub.env({ AUTH_MODE: 'development', NODE_ENV: 'development' }));
    });

    const signIn = (app: FastifyInstance, aadObjectId: string) =>
      app.inject({ method: 'POST', url: '/api/dev/sign-in', payload: { aadObjectId } });

    it('lists the demo personas, staff and office among them', async () => {
      const response = await devApp.inject({ url: '/api/dev/users' });
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { aadObjectId: string; roles: string[]; description: string }[];
      expect(items.map((item) => item.aadObjectId)).toEqual(demoUsers.map((user) => user.aadObjectId));
      expect(items.some((item) => item.roles.length === 0)).toBe(true);
      expect(items.some((item) => item.roles.includes('office'))).toBe(true);
    });

    it('signs in as a demo persona with a short-lived token that the API accepts', async () => {
      const office = demoUsers.find((user) => user.roles.includes('office'))!;
      const response = await signIn(devApp, office.aadObjectId);
      expect(response.statusCode).toBe(200);
      const { token, expiresAt, user } = response.json();
      expect(user).toMatchObject({ displayName: office.displayName, roles: ['staff', 'office'] });
      const lifetime = Date.parse(expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(0);
      expect(lifetime).toBeLessThanOrEqual(60 * 60 * 1000);
      const self = await me(devApp, bearer(token));
      expect(self.statusCode).toBe(200);
      expect(self.json()).toMatchObject({ aadObjectId: office.aadObjectId, roles: ['staff', 'office'] });

      // Tampered: payload of another persona under the same signature.
      const forged = tamperedToken(token, { sub: demoUsers[4]!.aadObjectId });
      expectUnauthenticated(await me(devApp, bearer(forged)));
      // Entra tokens keep working in development mode when Entra is configured.
      expect((await me(devApp, bearer(await stub.sign(taro)))).statusCode).toBe(200);
    });

    it('makes the liaison persona the 所管課担当 of its division', async () => {
      const persona = demoUsers.find((user) => user.liaisonOf?.length)!;
      const divisionId = (await ensureDivisions(ctx.db, [{ name: persona.liaisonOf![0]! }])).get(
        persona.liaisonOf![0]!,
      );
      const { token } = (await signIn(devApp, persona.aadObjectId)).json();
      expect((await me(devApp, bearer(token))).json().liaisonDivisionIds).toEqual([divisionId]);
    });

    it('refuses anyone who is not a demo persona', async () => {
      const response = await signIn(devApp, taro.oid);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toBe('この利用者ではサインインできません。');
      expect((await signIn(devApp, '')).statusCode).toBe(400);
    });

    it('development tokens are worthless to a server in entra mode', async () => {
      const { token } = (await signIn(devApp, demoUsers[0]!.aadObjectId)).json();
      expect((await me(devApp, bearer(token))).statusCode).toBe(200);
      expectUnauthenticated(await me(entraApp, bearer(token)));
      // Nor to another development server (its own key).
      const otherDev = await appWith({ AUTH_MODE: 'development', NODE_ENV: 'development' });
      expectUnauthenticated(await me(otherDev, bearer(token)));
    });
  });
});
