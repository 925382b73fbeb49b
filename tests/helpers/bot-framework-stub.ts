import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  botFrameworkIssuer,
  getBotSigningKeys,
  signBotToken,
  type BotSigningKeys,
  type BotTokenOptions,
} from './bot-token';
import { listenOnLoopback, readBody } from './ports';

/**
 * A local stand-in for the Bot Framework, on 127.0.0.1 and a random port:
 * - the OpenID metadata and JWKS that botbuilder's token validation fetches (point
 *   BOT_OPENID_METADATA_URL at `openIdMetadataUrl`), with tokens from `signBotToken`;
 * - the Bot Connector REST API the SDK calls back (use `serviceUrl` as the activities' serviceUrl):
 *   every call is recorded, responses can be scripted (429/403/404/5xx, dropped connections) and
 *   Teams' rate limits can be enforced.
 */
export type ConnectorOperation =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getMember'
  | 'getMembers'
  | 'createConversation'
  | 'unknown';

export interface ConnectorRequest {
  operation: ConnectorOperation;
  method: string;
  /** Full request path, including the serviceUrl's own path. */
  path: string;
  /** From the serviceUrl path (`/jp/<tenant>/`), as Teams' serviceUrls carry it; `default` otherwise. */
  tenantKey: string;
  conversationId: string | null;
  activityId: string | null;
  memberId: string | null;
  authorization: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded JSON, asserted by tests
  body: any;
  /** What the stub answered (0 for a dropped connection). */
  status: number;
  at: number;
  /** Which TCP connection carried it (1, 2, … in the order they were accepted). */
  connection: number;
}

export interface ScriptedResponse {
  /** Which calls it applies to; `send` (default) = sendToConversation and replyToActivity. */
  operation?: ConnectorOperation | 'send';
  /** Only calls to this conversation; any when absent. */
  conversationId?: string;
  /** How many matching calls get this answer. Default 1. */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket without answering (a network failure). */
  dropConnection?: boolean;
}

export interface StubMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

export interface BotFrameworkStubOptions {
  /**
   * Teams' limits, enforced over sliding 1-second windows with 429 + Retry-After: 1. Teams allows 7
   * sends per conversation per second and (per app and tenant) 30 requests per second.
   */
  rateLimits?: { perConversationPerSecond?: number; perTenantPerSecond?: number };
  /**
   * Milliseconds between receiving a call (recorded, and for a send: posted to the chat, as Teams
   * would) and answering it, like the real service's latency. Default 0.
   */
  responseDelayMs?: number;
}

export interface BotFrameworkStub {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** A Teams-like serviceUrl (`<url>/jp/<tenant>/`, trailing slash included). */
  readonly serviceUrl: string;
  serviceUrlFor(tenantId: string): string;
  readonly openIdMetadataUrl: string;
  readonly issuer: string;
  readonly keys: BotSigningKeys;
  /** Every Bot Connector call, in arrival order (metadata and key fetches are not recorded). */
  readonly requests: readonly ConnectorRequest[];
  /** The activities the bot posted (sends and replies answered 2xx), optionally for one conversation. */
  sentActivities(conversationId?: string): Record<string, unknown>[];
  /** How many times the OpenID metadata was fetched. */
  readonly metadataFetches: number;
  /** Queue answers for the next matching calls (first matching script wins, in the order given). */
  script(response: ScriptedResponse): void;
  /** A member for `GET …/members/{id}` (TeamsInfo.getMember); unknown members answer 404. */
  setMember(member: StubMember): void;
  /** A Bot Framework token signed by this stub's keys. */
  signBotToken(options: BotTokenOptions): Promise<string>;
  /** Forgets requests, scripts, members and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  operation: ConnectorOperation;
  tenantKey: string;
  conversationId: string | null;
  activityId: string | null;
  memberId: string | null;
}

const connectorPath =
  /^(?<prefix>.*?)\/v3\/conversations(?:\/(?<conversation>[^/]+)(?:\/(?<kind>activities|members)(?:\/(?<id>[^/]+))?)?)?\/?$/;

const routeOf = (method: string, pathname: string): Route => {
  const match = connectorPath.exec(pathname);
  const prefix = match?.groups?.prefix?.split('/').filter(Boolean) ?? [];
  const tenantKey = prefix.at(-1) ?? 'default';
  const decode = (value: string | undefined) => (value === undefined ? null : decodeURIComponent(value));
  const conversationId = decode(match?.groups?.conversation);
  const id = decode(match?.groups?.id);
  const kind = match?.groups?.kind;
  const route = (operation: ConnectorOperation, extra: Partial<Route> = {}): Route => ({
    operation,
    tenantKey,
    conversationId,
    activityId: null,
    memberId: null,
    ...extra,
  });
  if (!match) return route('unknown');
  if (!conversationId) return route(method === 'POST' ? 'createConversation' : 'unknown');
  if (kind === 'activities' && !id && method === 'POST') return route('sendToConversation');
  if (kind === 'activities' && id) {
    if (method === 'POST') return route('replyToActivity', { activityId: id });
    if (method === 'PUT') return route('updateActivity', { activityId: id });
    if (method === 'DELETE') return route('deleteActivity', { activityId: id });
  }
  if (kind === 'members' && method === 'GET')
    return id ? route('getMember', { memberId: id }) : route('getMembers');
  return route('unknown');
};

export const isSend = (operation: ConnectorOperation) =>
  operation === 'sendToConversation' || operation === 'replyToActivity';

const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const text = await readBody(request);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...headers,
  });
  response.end(text);
};

/** Sliding one-second windows of accepted calls, per key. */
const createRateWindow = () => {
  const hits = new Map<string, number[]>();
  return {
    tryTake(key: string, limit: number | undefined, now: number): boolean {
      if (!limit) return true;
      const recent = (hits.get(key) ?? []).filter((at) => now - at < 1000);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.set(key, recent);
      return true;
    },
    clear: () => hits.clear(),
  };
};

export const startBotFrameworkStub = async (
  options: BotFrameworkStubOptions = {},
): Promise<BotFrameworkStub> => {
  const keys = await getBotSigningKeys();
  const requests: ConnectorRequest[] = [];
  let scripts: (ScriptedResponse & { remaining: number })[] = [];
  const members = new Map<string, StubMember>();
  const rate = createRateWindow();
  const sockets = new Set<Socket>();
  const connectionNumbers = new WeakMap<Socket, number>();
  let connectionsAccepted = 0;
  let metadataFetches = 0;
  let activityCounter = 0;
  let base = '';

  const takeScript = (route: Route): ScriptedResponse | undefined => {
    const index = scripts.findIndex(
      (candidate) =>
        candidate.remaining > 0 &&
        ((candidate.operation ?? 'send') === route.operation ||
          ((candidate.operation ?? 'send') === 'send' && isSend(route.operation))) &&
        (!candidate.conversationId || candidate.conversationId === route.conversationId),
    );
    const found = scripts[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining === 0) scripts.splice(index, 1);
    return found;
  };

  const answer = (
    route: Route,
    body: unknown,
  ): { status: number; body?: unknown; headers?: Record<string, string> } => {
    const now = Date.now();
    const limits = options.rateLimits ?? {};
    const conversationKey = `${route.tenantKey}|${route.conversationId}`;
    if (!rate.tryTake(`tenant|${route.tenantKey}`, limits.perTenantPerSecond, now)) {
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: 'TooManyRequests', message: 'Tenant rate limit' } },
      };
    }
    if (isSend(route.operation) && !rate.tryTake(conversationKey, limits.perConversationPerSecond, now)) {
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { code: 'TooManyRequests', message: 'Conversation rate limit' } },
      };
    }
    switch (route.operation) {
      case 'sendToConversation':
      case 'replyToActivity':
        activityCounter += 1;
        return { status: 201, body: { id: `1:stub-activity-${activityCounter}` } };
      case 'updateActivity':
        return { status: 200, body: { id: route.activityId } };
      case 'deleteActivity':
        return { status: 200 };
      case 'createConversation': {
        activityCounter += 1;
        const params = body as { members?: { id?: string }[] } | undefined;
        return {
          status: 201,
          body: {
            id: `a:stub-conversation-${params?.members?.[0]?.id ?? activityCounter}`,
            activityId: `1:stub-activity-${activityCounter}`,
          },
        };
      }
      case 'getMember': {
        const member = members.get(route.memberId ?? '');
        return member
          ? { status: 200, body: member }
          : {
              status: 404,
              body: { error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } },
            };
      }
      case 'getMembers':
        return { status: 200, body: [...members.values()] };
      default:
        return {
          status: 404,
          body: { error: { code: 'NotFound', message: 'Not a Bot Connector endpoint' } },
        };
    }
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
      metadataFetches += 1;
      return sendJson(response, 200, {
        issuer: botFrameworkIssuer,
        authorization_endpoint: `${base}/v1/.well-known/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (method === 'GET' && url.pathname === '/v1/.well-known/keys')
      return sendJson(response, 200, keys.jwks);

    const body = await readJsonBody(request);
    const route = routeOf(method, url.pathname);
    const scripted = takeScript(route);
    const result = scripted
      ? { status: scripted.status ?? 500, body: scripted.body, headers: scripted.headers }
      : answer(route, body);
    requests.push({
      ...route,
      method,
      path: url.pathname,
      authorization: request.headers.authorization ?? null,
      body,
      status: scripted?.dropConnection ? 0 : result.status,
      at: Date.now(),
      connection: connectionNumbers.get(request.socket) ?? 0,
    });
    if (scripted?.dropConnection) {
      request.socket.destroy();
      return;
    }
    if (options.responseDelayMs) await new Promise((resolve) => setTimeout(resolve, options.responseDelayMs));
    sendJson(response, result.status, result.body, result.headers);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    connectionsAccepted += 1;
    connectionNumbers.set(socket, connectionsAccepted);
    socket.on('close', () => sockets.delete(socket));
  });
  base = await listenOnLoopback(server);

  const serviceUrlFor = (tenantId: string) => `${base}/jp/${encodeURIComponent(tenantId)}/`;

  return {
    url: base,
    serviceUrl: serviceUrlFor('tenant-test'),
    serviceUrlFor,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer: botFrameworkIssuer,
    keys,
    requests,
    get metadataFetches() {
      return metadataFetches;
    },
    sentActivities: (conversationId) =>
      requests
        .filter((r) => isSend(r.operation) && r.status >= 200 && r.status < 300)
        .filter((r) => !conversationId || r.conversationId === conversationId)
        .map((r) => r.body as Record<string, unknown>),
    script: (response) => {
      scripts.push({ ...response, remaining: response.times ?? 1 });
    },
    setMember: (member) => {
      members.set(member.id, member);
    },
    signBotToken: (tokenOptions) => signBotToken(keys, tokenOptions),
    reset: () => {
      requests.length = 0;
      scripts = [];
      members.clear();
      rate.clear();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
};
