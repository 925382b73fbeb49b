import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
} from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { assertDeclaredGraphCall } from './graph-permissions';

/** The app registration's own credential: a client secret or a certificate (PEM private key). */
export type AppCredential =
  { clientSecret: string } | { certificate: { thumbprint: string; privateKey: string } };

export interface GraphConnection {
  tenantId: string;
  clientId: string;
  credential: AppCredential;
  /** https://login.microsoftonline.com (or a sovereign cloud's). */
  authorityHost: string;
  /** https://graph.microsoft.com (or a sovereign cloud's). */
  baseUrl: string;
  /**
   * The network edge, for both the token and the Graph requests. Defaults to the platform's own;
   * replaced only to reach local stand-ins of Entra ID and Graph in tests.
   */
  fetch?: typeof fetch | undefined;
}

/** MSAL's transport over a fetch function. */
const msalNetworkClient = (fetchImpl: typeof fetch): INetworkModule => {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions) => {
    const response = await fetchImpl(url, {
      method,
      headers: options?.headers ?? {},
      ...(options?.body ? { body: options.body } : {}),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: (await response.json()) as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
};

/** A SHA-1 thumbprint (40 hex digits, what Azure shows and botbuilder takes) or a SHA-256 one. */
const certificateOf = ({ thumbprint, privateKey }: { thumbprint: string; privateKey: string }) => {
  const hex = thumbprint.replaceAll(':', '').toLowerCase();
  return hex.length === 64 ? { thumbprintSha256: hex, privateKey } : { thumbprint: hex, privateKey };
};

/** An MSAL confidential client of the app registration, talking to the connection's authority. */
export const createConfidentialClient = (connection: GraphConnection): ConfidentialClientApplication =>
  new ConfidentialClientApplication({
    auth: {
      clientId: connection.clientId,
      authority: `${connection.authorityHost.replace(/\/$/, '')}/${connection.tenantId}`,
      ...('clientSecret' in connection.credential
        ? { clientSecret: connection.credential.clientSecret }
        : { clientCertificate: certificateOf(connection.credential.certificate) }),
    },
    ...(connection.fetch ? { system: { networkClient: msalNetworkClient(connection.fetch) } } : {}),
  });

/** `https://graph.microsoft.com/<scope>` for the connection's cloud. */
export const graphScope = (connection: GraphConnection, scope: string): string =>
  `${new URL(connection.baseUrl).origin}/${scope}`;

/** The Graph client's last middleware: performs the request with the given fetch. */
const fetchHandler = (fetchImpl: typeof fetch): Middleware => ({
  execute: async (context: Context) => {
    context.response = await fetchImpl(context.request as string, context.options as RequestInit);
  },
});

/**
 * The Graph client's first middleware: a request the permission table (graph-permissions.ts) does
 * not list never leaves, so no code can call Graph with a permission nobody declared or documented.
 */
const declaredCallsOnly = (): Middleware => {
  let next: Middleware | undefined;
  return {
    execute: async (context: Context) => {
      assertDeclaredGraphCall(String(context.options?.method ?? 'GET'), String(context.request));
      await next!.execute(context);
    },
    setNext: (middleware: Middleware) => {
      next = middleware;
    },
  };
};

/**
 * A Graph client whose requests carry the token `getAccessToken` gives. `retry: false` for calls on
 * a request's critical path, where waiting out Graph's throttling would stall the user instead.
 * Only the calls listed in graph-permissions.ts go out.
 */
export const createGraphClient = (
  connection: GraphConnection,
  getAccessToken: () => Promise<string>,
  options: { retry?: boolean } = {},
): Client => {
  const middleware: Middleware[] = [
    declaredCallsOnly(),
    new AuthenticationHandler({ getAccessToken }),
    ...(options.retry === false ? [] : [new RetryHandler(new RetryHandlerOptions())]),
    new TelemetryHandler(),
    fetchHandler(connection.fetch ?? fetch),
  ];
  middleware.reduce((previous, next) => {
    previous.setNext?.(next);
    return next;
  });
  return Client.initWithMiddleware({
    baseUrl: connection.baseUrl.replace(/\/$/, ''),
    defaultVersion: 'v1.0',
    middleware: middleware[0]!,
  });
};
