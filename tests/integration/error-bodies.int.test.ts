import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode, type ProposalDto } from '#shared';
import { buildApp } from '../../bot/src/app';
import { openDatabase, type DatabaseHandle } from '../../bot/src/data/database';
import { httpStatusOf } from '../../bot/src/http/plugins/error-handler';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { seedBaseData } from '../../bot/src/services/seed/seed-base-data';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { isJapanese } from '../helpers/hostile-input';
import { personas } from '../helpers/personas';
import { testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/**
 * Every error class of the product, each triggered through a real route of the tab API: the status
 * of the one mapping, the one body shape `{ error: { code, message, details?, requestId } }` with a
 * Japanese message, and nothing of the inside — no stack, no SQL, no driver or library message — even
 * for a real SQL error (a missing table) and a real outage (nothing listening).
 */
const leak =
  /stack|\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\bselect\b|\binsert\b|relation|postgres|pglite|drizzle|ECONN|jose|JWS|JWT|zod/i;

/** Covered by another file, with the exact body asserted there. */
const coveredElsewhere: Partial<Record<ErrorCode, string>> = {
  CONSENT_REQUIRED: 'tests/integration/tab-api-graph.int.test.ts (Graph consent through on-behalf-of)',
};

const { taro: staff, kenichi: office } = personas;

describe('error bodies, one per error class', () => {
  const ctx = useTestDatabase();
  let entra: EntraStub;
  const apps: FastifyInstance[] = [];
  const extraDatabases: DatabaseHandle[] = [];
  let main: FastifyInstance;
  const appOn = async (database: DatabaseHandle, env: Record<string, string> = {}) => {
    const app = await buildApp({ config: testConfig(entra.env(env)), database });
    apps.push(app);
    return app;
  };
  let tokens: { staff: string; office: string };
  let proposal: ProposalDto;

  beforeAll(async () => {
    entra = await startEntraStub();
    main = await appOn(await getTestDatabase());
    tokens = await entra.signAll({ staff, office });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of extraDatabases) await database.close();
    await entra?.close();
  });
  beforeEach(async () => {
    await seedBaseData(ctx.db);
    const me = await main.inject({ url: '/api/me', headers: bearer(tokens.office) });
    proposal = (
      await submitProposal(ctx.db, {
        actor: { userId: me.json().id, roles: ['office'] },
        input: { title: 'エラー試験の提案', body: '本文です。', category: 'other' },
        clientRequestId: `errors-${Date.now()}-request`,
      })
    ).proposal;
  });

  const patch = (body: object, who: 'staff' | 'office' = 'office') =>
    main.inject({
      method: 'PATCH',
      url: `/api/proposals/${proposal.id}`,
      headers: bearer(tokens[who]),
      payload: body,
    });

  const triggers: Record<ErrorCode, () => Promise<LightMyRequestResponse>> = {
    VALIDATION: () => main.inject({ url: '/api/proposals?pageSize=many', headers: bearer(tokens.staff) }),
    REASON_REQUIRED: () => patch({ version: proposal.version, status: 'blocked' }),
    UNAUTHENTICATED: () => main.inject({ url: '/api/proposals', headers: bearer(`${tokens.staff}x`) }),
    FORBIDDEN: () => patch({ version: proposal.version, status: 'realised' }, 'staff'),
    CONSENT_REQUIRED: () => Promise.reject(new Error('covered elsewhere')),
    NOT_FOUND: () =>
      main.inject({
        url: '/api/proposals/00000000-0000-4000-8000-000000000000',
        headers: bearer(tokens.staff),
      }),
    CONFLICT: () => patch({ version: proposal.version + 5, answer: '古い版からの回答' }),
    INVALID_TRANSITION: async () => {
      const realised = await patch({ version: proposal.version, status: 'realised' });
      expect(realised.statusCode).toBe(200);
      return patch({ version: realised.json().version, status: 'received' });
    },
    RATE_LIMITED: async () => {
      const limited = await appOn(await getTestDatabase(), { RATE_LIMIT_PER_MINUTE: '1' });
      await limited.inject({ url: '/api/proposals', headers: bearer(tokens.staff) });
      return limited.inject({ url: '/api/proposals', headers: bearer(tokens.staff) });
    },
    PAYLOAD_TOO_LARGE: async () => {
      const small = await appOn(await getTestDatabase(), { BODY_LIMIT_BYTES: '1024' });
      return small.inject({
        method: 'PATCH',
        url: `/api/proposals/${proposal.id}`,
        headers: bearer(tokens.office),
        payload: { version: proposal.version, answer: 'あ'.repeat(2_000) },
      });
    },
    UNAVAILABLE: async () => {
      const down = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '' });
      extraDatabases.push(down);
      return (await appOn(down)).inject({ url: '/api/proposals', headers: bearer(tokens.staff) });
    },
    INTERNAL: async () => {
      // A real SQL error: the table the query names is gone (renamed back at once).
      await ctx.db.execute(sql`alter table proposals rename to proposals_hidden`);
      try {
        return await main.inject({ url: '/api/proposals', headers: bearer(tokens.staff) });
      } finally {
        await ctx.db.execute(sql`alter table proposals_hidden rename to proposals`);
      }
    },
  };

  it.each(errorCodes.filter((code) => !coveredElsewhere[code]))(
    '%s: its status, the one body shape, a Japanese message, nothing of the inside',
    async (code) => {
      const response = await triggers[code]();
      expect(response.statusCode, response.body).toBe(httpStatusOf[code]);
      const body = response.json() as { error: Record<string, unknown> };
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatchObject({ code, requestId: response.headers['x-request-id'] });
      expect(Object.keys(body.error).sort()).toEqual(
        ['code', 'message', 'requestId', ...(body.error.details ? ['details'] : [])].sort(),
      );
      expect(isJapanese(body.error.message), String(body.error.message)).toBe(true);
      expect(response.body).not.toMatch(leak);
      if (code === 'RATE_LIMITED') expect(response.headers['retry-after']).toBeDefined();
      if (code === 'UNAUTHENTICATED') expect(response.headers['www-authenticate']).toBe('Bearer');
    },
  );

  it('leaves no error class untested', () => {
    expect(errorCodes.filter((code) => !(code in triggers))).toEqual([]);
    for (const [code, where] of Object.entries(coveredElsewhere))
      expect(where, code).toMatch(/\.int\.test\.ts/);
  });
});
