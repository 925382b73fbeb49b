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
import type { AppInstaller, DirectoryLookup } from '../services/teams-contact-service';

export interface GraphDirectoryOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com (or a sovereign cloud's). */
  authorityHost: string;
  /** https://graph.microsoft.com (or a sovereign cloud's). */
  baseUrl: string;
  /** The Teams app's manifest id, for proactive installation; none = no installation. */
  teamsAppId?: string | undefined;
  /**
   * The network edge, for both the token and the Graph requests. Defaults to the platform's own;
   * replaced only to reach local stand-ins of Entra ID and Graph in tests.
   */
  fetch?: typeof fetch;
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

/** The Graph client's last middleware: performs the request with the given fetch. */
const fetchHandler = (fetchImpl: typeof fetch): Middleware => ({
  execute: async (context: Context) => {
    context.response = await fetchImpl(context.request as string, context.options as RequestInit);
  },
});

/**
 * The organisation directory through Microsoft Graph with the app's own identity (client credentials;
 * application permission User.Read.All): a user's `department` becomes their division.
 * MSAL caches the app token in memory until shortly before it expires.
 */
export const createGraphDirectory = (
  options: GraphDirectoryOptions,
): DirectoryLookup & Partial<AppInstaller> => {
  const fetchImpl = options.fetch ?? fetch;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${options.authorityHost.replace(/\/$/, '')}/${options.tenantId}`,
    },
    ...(options.fetch ? { system: { networkClient: msalNetworkClient(options.fetch) } } : {}),
  });
  const authProvider = {
    getAccessToken: async () => {
      const result = await msal.acquireTokenByClientCredential({
        scopes: [`${new URL(options.baseUrl).origin}/.default`],
      });
      if (!result?.accessToken) throw new Error('Graph token not issued');
      return result.accessToken;
    },
  };
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions()),
    new TelemetryHandler(),
    fetchHandler(fetchImpl),
  ];
  middleware.reduce((previous, next) => {
    previous.setNext?.(next);
    return next;
  });
  const client = Client.initWithMiddleware({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    defaultVersion: 'v1.0',
    middleware: middleware[0]!,
  });
  const getDepartment = async (aadObjectId: string): Promise<string | null> => {
    const user = (await client
      .api(`/users/${encodeURIComponent(aadObjectId)}`)
      .select('department')
      .get()) as {
      department?: string | null;
    };
    return user.department ?? null;
  };
  if (!options.teamsAppId) return { getDepartment };
  const teamsAppId = options.teamsAppId;

  // The organisation's app catalog knows the app under its own id; the manifest id is its externalId.
  let catalogId: string | undefined;
  const findCatalogId = async (): Promise<string> => {
    if (catalogId) return catalogId;
    const found = (await client
      .api('/appCatalogs/teamsApps')
      .filter(`externalId eq '${teamsAppId.replaceAll("'", "''")}'`)
      .select('id')
      .get()) as { value?: { id: string }[] };
    const id = found.value?.[0]?.id;
    if (!id) throw new Error('The Teams app is not in the organisation app catalog');
    catalogId = id;
    return id;
  };

  /** Application permission TeamsAppInstallation.ReadWriteSelfForUser.All: installs this app only. */
  const installForUser = async (aadObjectId: string): Promise<'installed' | 'already_installed'> => {
    const appId = await findCatalogId();
    try {
      await client.api(`/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`).post({
        'teamsApp@odata.bind': `${options.baseUrl.replace(/\/$/, '')}/v1.0/appCatalogs/teamsApps/${appId}`,
      });
      return 'installed';
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 409) return 'already_installed';
      throw error;
    }
  };
  return { getDepartment, installForUser };
};
