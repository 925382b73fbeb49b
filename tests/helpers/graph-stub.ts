import { createServer, type Server } from 'node:http';
import { decodeJwt } from 'jose';
import { closeHttpServer, listenOnLoopback, readBody } from './ports';

/**
 * A local stand-in for Entra ID's token endpoint and Microsoft Graph, reached through `fetch()` (the
 * network edge the Graph module takes in tests). It answers like the real services:
 *
 * - `POST /<tenant>/oauth2/v2.0/token`: client credentials → an app token; on-behalf-of (jwt-bearer,
 *   `requested_token_use=on_behalf_of`) → a Graph token for the assertion's `oid`, or Entra's
 *   AADSTS65001 `invalid_grant` while that user has not consented.
 * - `GET /v1.0/me?$select=department` with an on-behalf-of token: that user's department.
 * - `POST /v1.0/users/<oid>/checkMemberGroups` with the app token: which asked groups they are in.
 * - With the app token: `GET /v1.0/users/<oid>` (department, displayName, mail), and the app's
 *   installation for a user: `POST /v1.0/users/<oid>/teamwork/installedApps` (201, or 409 when
 *   installed), `GET …/installedApps?$filter=teamsApp/id eq '<id>'` and `GET …/installedApps/<id>/chat`.
 *
 * Per-user behaviour is set through `people`; every request is recorded. `setHanging(true)` makes
 * every request (tokens included) wait for an answer that never comes.
 */
export interface GraphPerson {
  department?: string | null;
  displayName?: string;
  mail?: string | null;
  /** The app is installed for them already (an install answers 409). */
  appInstalled?: boolean;
  /** Group object ids the person is a member of. */
  groups?: string[];
  /**
   * - `consent`: Entra refuses the exchange with AADSTS65001 and `suberror: consent_required`
   * - `consentWithoutSuberror`: the same without the suberror (older endpoints)
   * - `entraDown`: the token endpoint drops the connection
   * - `graphDown`: Graph answers 503
   */
  failure?: 'consent' | 'consentWithoutSuberror' | 'entraDown' | 'graphDown';
}

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  authorization: string | undefined;
  body: string;
}

export const graphClientSecret = 'not-a-real-secret';

/**
 * `GET /users/delta` as Graph pages it: a full read without a token, then `$deltatoken` rounds with
 * the users changed (or removed) since; `pageSize` users per page with `@odata.nextLink` between
 * pages and `@odata.deltaLink` on the last; an unknown `$deltatoken` (e.g. `expired`) is 410 Gone.
 */
const createDeltaLog = (people: Map<string, GraphPerson>, pageSize: number) => {
  const versions = new Map<string, number>();
  const removed = new Set<string>();
  let version = 0;
  const link = (query: string) => `https://graph.microsoft.com/v1.0/users/delta?${query}`;
  return {
    change: (oid: string, person: GraphPerson) => {
      people.set(oid, { ...people.get(oid), ...person });
      removed.delete(oid);
      versions.set(oid, (version += 1));
    },
    remove: (oid: string) => {
      people.delete(oid);
      removed.add(oid);
      versions.set(oid, (version += 1));
    },
    page: (params: URLSearchParams) => {
      const [deltaToken, skipToken] = [params.get('$deltatoken'), params.get('$skiptoken')];
      if (deltaToken !== null && !/^\d+$/.test(deltaToken)) return undefined;
      const [base, offset] = skipToken
        ? (skipToken.split('.').map(Number) as [number, number])
        : [deltaToken === null ? -1 : Number(deltaToken), 0];
      const ids = [...new Set([...people.keys(), ...removed])]
        .filter((oid) => (base < 0 ? !removed.has(oid) : (versions.get(oid) ?? 0) > base))
        .sort();
      const value = ids
        .slice(offset, offset + pageSize)
        .map((oid) =>
          removed.has(oid)
            ? { id: oid, '@removed': { reason: 'deleted' } }
            : { id: oid, department: people.get(oid)?.department ?? null },
        );
      return offset + pageSize < ids.length
        ? { value, '@odata.nextLink': link(`$skiptoken=${base}.${offset + pageSize}`) }
        : { value, '@odata.deltaLink': link(`$deltatoken=${version}`) };
    },
  };
};
const appToken = 'app-token-1';

export const startGraphStub = async (options: { clientId: string; deltaPageSize?: number }) => {
  const people = new Map<string, GraphPerson>();
  const delta = createDeltaLog(people, options.deltaPageSize ?? 2);
  const requests: RecordedRequest[] = [];
  let graphDown = false;
  let hanging = false;
  const installs: { userId: string; body: string }[] = [];

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://stub');
    const body = await readBody(request);
    requests.push({
      method: request.method!,
      path: decodeURIComponent(url.pathname),
      search: decodeURIComponent(url.search),
      authorization: request.headers.authorization,
      body,
    });
    if (hanging) return; // no answer, ever (the connection is closed by `close`)
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };

    if (url.pathname.endsWith('/oauth2/v2.0/token') && request.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== graphClientSecret) {
        return json(401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret.',
        });
      }
      if (form.get('grant_type') === 'client_credentials') {
        return json(200, { token_type: 'Bearer', expires_in: 3599, access_token: appToken });
      }
      if (
        form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
        form.get('requested_token_use') !== 'on_behalf_of'
      ) {
        return json(400, { error: 'unsupported_grant_type' });
      }
      const oid = String(decodeJwt(form.get('assertion') ?? '').oid);
      const person = people.get(oid);
      if (person?.failure === 'entraDown') {
        request.socket.destroy();
        return;
      }
      if (person?.failure === 'consent' || person?.failure === 'consentWithoutSuberror') {
        return json(400, {
          error: 'invalid_grant',
          error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${options.clientId}'. Send an interactive authorization request for this user and resource.`,
          error_codes: [65001],
          timestamp: new Date().toISOString(),
          trace_id: 'trace-1',
          correlation_id: 'correlation-1',
          ...(person.failure === 'consent' ? { suberror: 'consent_required' } : {}),
        });
      }
      return json(200, {
        token_type: 'Bearer',
        scope: form.get('scope'),
        expires_in: 3599,
        access_token: `obo-${oid}`,
      });
    }

    if (graphDown) return json(503, { error: { code: 'serviceNotAvailable', message: 'down' } });
    const auth = request.headers.authorization ?? '';
    if (url.pathname === '/v1.0/me' && request.method === 'GET' && auth.startsWith('Bearer obo-')) {
      const person = people.get(auth.slice('Bearer obo-'.length));
      if (person?.failure === 'graphDown')
        return json(503, { error: { code: 'serviceNotAvailable', message: 'down' } });
      if (!person) return json(404, { error: { code: 'Request_ResourceNotFound', message: 'no user' } });
      return json(200, { department: person.department ?? null });
    }
    const member = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(url.pathname);
    if (member && request.method === 'POST' && auth === `Bearer ${appToken}`) {
      const person = people.get(decodeURIComponent(member[1]!));
      const asked = (JSON.parse(body) as { groupIds: string[] }).groupIds;
      return json(200, { value: asked.filter((id) => person?.groups?.includes(id)) });
    }
    const app = auth === `Bearer ${appToken}`;
    if (url.pathname === '/v1.0/users/delta' && request.method === 'GET' && app) {
      const page = delta.page(url.searchParams);
      return page ? json(200, page) : json(410, { error: { code: 'syncStateNotFound', message: 'expired' } });
    }
    const user = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname);
    if (user && request.method === 'GET' && app) {
      const person = people.get(decodeURIComponent(user[1]!));
      if (!person) return json(404, { error: { code: 'Request_ResourceNotFound', message: 'no user' } });
      return json(200, {
        department: person.department ?? null,
        displayName: person.displayName ?? null,
        mail: person.mail ?? null,
      });
    }
    const installed = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)\/chat)?$/.exec(
      url.pathname,
    );
    if (installed && app) {
      const userId = decodeURIComponent(installed[1]!);
      const person = people.get(userId);
      if (!person) return json(404, { error: { code: 'NotFound', message: 'no user' } });
      if (request.method === 'POST' && !installed[2]) {
        installs.push({ userId, body });
        if (person.appInstalled)
          return json(409, { error: { code: 'Conflict', message: 'App is already installed.' } });
        person.appInstalled = true;
        return json(201, {});
      }
      if (request.method === 'GET' && !installed[2]) {
        return json(200, { value: person.appInstalled ? [{ id: `installation-${userId}` }] : [] });
      }
      if (request.method === 'GET' && installed[2] === `installation-${userId}`) {
        return json(200, { id: `19:${userId}_bot@unq.gbl.spaces`, chatType: 'oneOnOne' });
      }
    }
    json(404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
  });
  const base = await listenOnLoopback(server);

  return {
    people,
    /** A change the delta query reports in its next round (and a full read shows). */
    changePerson: delta.change,
    /** A deletion the delta query reports as `@removed` in its next round. */
    removePerson: delta.remove,
    requests,
    /** Every Graph request fails with 503 (not the token endpoint). */
    setGraphDown: (down: boolean) => {
      graphDown = down;
    },
    /** Every request, tokens included, is received and never answered. */
    setHanging: (hang: boolean) => {
      hanging = hang;
    },
    /** The installation requests (POST installedApps), in order. */
    installs,
    tokenRequests: () => requests.filter((request) => request.path.endsWith('/oauth2/v2.0/token')),
    graphRequests: () => requests.filter((request) => request.path.startsWith('/v1.0/')),
    /** The network edge: Microsoft's hosts are answered by this stub, anything else is a test bug. */
    fetch: ((input, init) => {
      const target = new URL(input instanceof Request ? input.url : String(input));
      if (!['login.microsoftonline.com', 'graph.microsoft.com'].includes(target.hostname))
        throw new Error(`Unexpected request to ${target.hostname}`);
      return fetch(`${base}${target.pathname}${target.search}`, init);
    }) as typeof fetch,
    close: () => closeHttpServer(server),
  };
};

export type GraphStub = Awaited<ReturnType<typeof startGraphStub>>;
