import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDirectory } from '../../bot/src/graph/graph-directory';
import { listenOnLoopback, readBody } from '../helpers/ports';

/** A local stand-in for Entra ID's token endpoint and Microsoft Graph's /users. */
const startStub = async () => {
  const requests: { method: string; url: string; authorization?: string; body: string }[] = [];
  const departments: Record<string, string | null> = {
    'aaaaaaaa-0000-4000-8000-000000000001': '人事課',
    'aaaaaaaa-0000-4000-8000-000000000002': null,
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({
      method: request.method!,
      url: request.url!,
      authorization: request.headers.authorization,
      body,
    });
    response.setHeader('content-type', 'application/json');
    if (new URL(request.url!, 'http://stub').pathname.endsWith('/oauth2/v2.0/token')) {
      response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'graph-token-1' }));
      return;
    }
    const match = /^\/v1\.0\/users\/([^?]+)\?\$select=department$/.exec(request.url!);
    if (
      match &&
      request.headers.authorization === 'Bearer graph-token-1' &&
      decodeURIComponent(match[1]!) in departments
    ) {
      response.end(JSON.stringify({ department: departments[decodeURIComponent(match[1]!)] }));
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ error: { code: 'Request_ResourceNotFound', message: 'not found' } }));
  });
  const base = await listenOnLoopback(server);
  return { server, base, requests };
};

/** The network edge: requests for Microsoft's hosts go to the local stub instead. */
const toStub =
  (base: string): typeof fetch =>
  (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    expect(['login.microsoftonline.com', 'graph.microsoft.com']).toContain(target.hostname);
    return fetch(`${base}${target.pathname}${target.search}`, init);
  };

describe('Graph directory', () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  beforeAll(async () => {
    stub = await startStub();
  });
  afterAll(() => stub.server.close());

  const directory = () =>
    createGraphDirectory({
      tenantId: '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30',
      clientId: 'bot-app-id',
      credential: { clientSecret: 'not-a-real-secret' },
      authorityHost: 'https://login.microsoftonline.com',
      baseUrl: 'https://graph.microsoft.com',
      fetch: toStub(stub.base),
    });

  it('reads a user department with an app token from client credentials, and caches the token', async () => {
    const lookup = directory();
    expect(await lookup.getDepartment('aaaaaaaa-0000-4000-8000-000000000001')).toBe('人事課');
    expect(await lookup.getDepartment('aaaaaaaa-0000-4000-8000-000000000002')).toBeNull();
    const tokenRequests = stub.requests.filter((request) => request.url.includes('/oauth2/v2.0/token'));
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.url).toMatch(/^\/9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30\/oauth2\/v2\.0\/token/);
    expect(tokenRequests[0]!.body).toContain('grant_type=client_credentials');
    expect(tokenRequests[0]!.body).toContain('client_id=bot-app-id');
  });

  it('fails for an unknown user, which the caller treats as "keep the cached division"', async () => {
    await expect(directory().getDepartment('aaaaaaaa-0000-4000-8000-00000000dead')).rejects.toThrow();
  });
});
