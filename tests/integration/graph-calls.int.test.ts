import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '#shared';
import { createGraphDirectory } from '../../bot/src/graph/graph-directory';
import { declaredGraphCall, graphCalls } from '../../bot/src/graph/graph-permissions';
import { createOnBehalfOfDirectory } from '../../bot/src/graph/on-behalf-of';
import { graphClientSecret, startGraphStub, type GraphStub } from '../helpers/graph-stub';

/**
 * Every Microsoft Graph call the app makes, against the local Graph stub: each request that reaches
 * the stub must be one the permission table declares (and so one the Entra manifest and
 * docs/operations.md name, see tests/unit/graph-permissions.test.ts), and every declared call is made
 * here at least once, so the table holds nothing the code no longer does.
 */
const clientId = 'bot-app-id';
const tenantId = '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30';
const catalogAppId = 'catalog-app-1';
const alice = 'aaaaaaaa-0000-4000-8000-000000000001';
const bob = 'aaaaaaaa-0000-4000-8000-000000000002';

/** An SSO token as the tab sends it: the stub reads only its `oid`. */
const userToken = (oid: string) =>
  [{ alg: 'none' }, { oid, tid: tenantId }, 'sig']
    .map((part) =>
      typeof part === 'string' ? part : Buffer.from(JSON.stringify(part)).toString('base64url'),
    )
    .join('.');

describe('Microsoft Graph calls against the Graph stub', () => {
  let graph: GraphStub;
  beforeAll(async () => {
    graph = await startGraphStub({ clientId });
  });
  afterAll(async () => {
    await graph?.close();
  });
  beforeEach(() => {
    graph.people.clear();
    graph.requests.length = 0;
    graph.installs.length = 0;
    graph.setHanging(false);
  });

  const connection = () => ({
    tenantId,
    clientId,
    credential: { clientSecret: graphClientSecret },
    authorityHost: 'https://login.microsoftonline.com',
    baseUrl: 'https://graph.microsoft.com',
    fetch: graph.fetch,
  });
  const directory = () => createGraphDirectory({ ...connection(), catalogAppId });

  it('makes only declared calls, and every declared call is made', async () => {
    graph.people.set(alice, { department: '人事課', displayName: '山口 太郎', groups: ['g1'] });
    graph.people.set(bob, { department: null, displayName: '周南 花子', appInstalled: true });
    const lookup = directory();
    await lookup.warmUp();
    expect(await lookup.getDepartment(alice)).toBe('人事課');
    expect(await lookup.getPerson(bob)).toEqual({ displayName: '周南 花子', email: null });
    expect(await lookup.getPerson('aaaaaaaa-0000-4000-8000-00000000dead')).toBeNull();
    expect(await lookup.memberGroups(alice, ['g1', 'g2'])).toEqual(['g1']);
    expect((await lookup.usersDelta(null)).users).toEqual([
      { id: alice, department: '人事課' },
      { id: bob, department: null },
    ]);
    expect(await lookup.installForUser!(alice)).toEqual({ outcome: 'installed' });
    expect(await lookup.installForUser!(bob)).toEqual({
      outcome: 'already_installed',
      chatId: `19:${bob}_bot@unq.gbl.spaces`,
    });
    expect(await createOnBehalfOfDirectory(connection()).getMyDepartment(userToken(alice))).toBe('人事課');

    const made = graph.graphRequests();
    expect(made.filter((request) => !declaredGraphCall(request.method, request.path))).toEqual([]);
    const unused = graphCalls.filter(
      (call) => !made.some((request) => declaredGraphCall(request.method, request.path) === call),
    );
    expect(unused).toEqual([]);
  });

  it('installs by the published catalog id, without looking the app up in the catalog', async () => {
    graph.people.set(alice, {});
    await directory().installForUser!(alice);
    expect(graph.installs.map((install) => JSON.parse(install.body))).toEqual([
      { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogAppId}` },
    ]);
    expect(graph.graphRequests().some((request) => request.path.includes('appCatalogs'))).toBe(false);
  });

  it('offers no installation without the catalog id', () => {
    expect(createGraphDirectory(connection()).installForUser).toBeUndefined();
  });

  it('gives up on a lookup a turn waits for after its timeout, without retrying, when Graph hangs', async () => {
    graph.people.set(alice, { displayName: '山口 太郎' });
    graph.setHanging(true);
    const lookup = createGraphDirectory({ ...connection(), turnTimeoutMs: 300 });
    const error = await lookup.getPerson(alice).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('UNAVAILABLE');
    // Only the token request went out (it never came back): nothing was retried.
    expect(graph.requests).toHaveLength(1);
  });
});
