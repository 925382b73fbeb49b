import type { GroupMembershipLookup } from '../services/identity/sign-in';
import type { DirectoryDeltaPage, DirectoryDeltaSource } from '../services/organisation/directory-sync';
import { AppError, storableDisplayName } from '#shared';
import type {
  AppInstaller,
  AppInstallResult,
  DirectoryLookup,
  DirectoryPerson,
} from '../services/identity/teams-contact';
import {
  createConfidentialClient,
  createGraphClient,
  graphScope,
  type GraphConnection,
} from './graph-transport';

/** How long a lookup that a tab request waits for may take (groups overage). */
export const promptTimeoutMs = 3000;

/**
 * How long a lookup inside a bot turn may take by default (GRAPH_TURN_TIMEOUT_MS): Teams wants a card
 * action answered within about a second and gives a message extension 5 s, so a slow directory
 * must not hold the turn. The token request that timed out goes on and is cached for the next try.
 */
export const defaultTurnTimeoutMs = 700;

/** Work no one waits for (the weekly division sync, installations): bounded all the same. */
export const backgroundTimeoutMs = 60_000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError('UNAVAILABLE', {
            message: `Microsoft Graph did not answer within ${ms} ms`,
            userMessage:
              '組織のディレクトリ（Microsoft 365）が応答しませんでした。しばらくしてからもう一度お試しください。',
          }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

export interface GraphDirectoryOptions extends GraphConnection {
  /**
   * The app's id in the organisation's app catalog (TEAMS_APP_PUBLISHED_APP_ID, written by the
   * Toolkit's publishAppPackage; it differs from the manifest id). None = no proactive installation:
   * looking it up would need AppCatalog.Read.All, a permission this app does without.
   */
  catalogAppId?: string | undefined;
  /** How long a lookup inside a bot turn may take (default `defaultTurnTimeoutMs`). */
  turnTimeoutMs?: number | undefined;
}

export type GraphDirectory = DirectoryLookup &
  GroupMembershipLookup &
  DirectoryDeltaSource &
  Partial<AppInstaller> & {
    /** Fetches the app token ahead of the first turn that needs it (errors are the caller's to log). */
    warmUp(): Promise<void>;
  };

/** Proactive installation of this app by its org-catalog id (see installForUser). */
const createAppInstaller = (
  backgroundClient: ReturnType<typeof createGraphClient>,
  baseUrl: string,
  catalogAppId: string,
) => {
  const installedApps = (aadObjectId: string) =>
    `/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`;

  /** The existing installation's 1:1 chat with the bot (after a 409), or null when Graph has none. */
  const chatOfInstallation = async (aadObjectId: string): Promise<string | null> => {
    const found = (await backgroundClient
      .api(installedApps(aadObjectId))
      .filter(`teamsApp/id eq '${catalogAppId.replaceAll("'", "''")}'`)
      .expand('teamsApp')
      .get()) as { value?: { id: string }[] };
    const installationId = found.value?.[0]?.id;
    if (!installationId) return null;
    const chat = (await backgroundClient
      .api(`${installedApps(aadObjectId)}/${encodeURIComponent(installationId)}/chat`)
      .get()) as { id?: string };
    return chat.id ?? null;
  };

  /**
   * Installs this app for a user (TeamsAppInstallation.ReadWriteSelfForUser.All: the app can install
   * only itself). Teams then announces the new chat to the bot. Graph answers 409 when it is already
   * installed: then Teams announces nothing, so the existing chat is looked up instead.
   */
  const installForUser = (aadObjectId: string): Promise<AppInstallResult> =>
    withTimeout(
      (async (): Promise<AppInstallResult> => {
        try {
          await backgroundClient.api(installedApps(aadObjectId)).post({
            'teamsApp@odata.bind': `${baseUrl.replace(/\/$/, '')}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`,
          });
          return { outcome: 'installed' };
        } catch (error) {
          if (statusOf(error) !== 409) throw error;
          return { outcome: 'already_installed', chatId: await chatOfInstallation(aadObjectId) };
        }
      })(),
      backgroundTimeoutMs,
    );
  return installForUser;
};

interface DeltaUserBody {
  id: string;
  department?: string | null;
  '@removed'?: unknown;
}

/**
 * The directory sync's delta query (User.Read.All): a full read of the users with their department
 * when `link` is null, else the page a previous answer's `@odata.nextLink` / `@odata.deltaLink` names
 * (a link Graph built, on the connection's own host). Nobody waits: Graph's retries, bounded.
 */
const createUsersDelta =
  (backgroundClient: ReturnType<typeof createGraphClient>) =>
  async (link: string | null): Promise<DirectoryDeltaPage> => {
    const request = link
      ? backgroundClient.api(link)
      : backgroundClient.api('/users/delta').select(['id', 'department']);
    const body = (await withTimeout(request.get(), backgroundTimeoutMs)) as {
      value?: DeltaUserBody[];
      '@odata.nextLink'?: string;
      '@odata.deltaLink'?: string;
    };
    return {
      users: (body.value ?? []).map((user) => ({
        id: user.id,
        ...('department' in user ? { department: user.department ?? null } : {}),
        ...(user['@removed'] ? { removed: true } : {}),
      })),
      ...(body['@odata.nextLink'] ? { nextLink: body['@odata.nextLink'] } : {}),
      ...(body['@odata.deltaLink'] ? { deltaLink: body['@odata.deltaLink'] } : {}),
    };
  };

/**
 * The organisation directory through Microsoft Graph with the app's own identity (client
 * credentials). Every call and its permission is listed in graph-permissions.ts. MSAL caches the app
 * token in memory until shortly before it expires.
 *
 * Three kinds of call, by who waits: a bot turn (no retries, `turnTimeoutMs`), a tab request (no
 * retries, `promptTimeoutMs`), nobody (Graph's retries honouring Retry-After, within
 * `backgroundTimeoutMs`).
 */
export const createGraphDirectory = (options: GraphDirectoryOptions): GraphDirectory => {
  const msal = createConfidentialClient(options);
  const getAccessToken = async () => {
    const result = await msal.acquireTokenByClientCredential({ scopes: [graphScope(options, '.default')] });
    if (!result?.accessToken) throw new Error('Graph token not issued');
    return result.accessToken;
  };
  const backgroundClient = createGraphClient(options, getAccessToken);
  const promptClient = createGraphClient(options, getAccessToken, { retry: false });
  const turnTimeoutMs = options.turnTimeoutMs ?? defaultTurnTimeoutMs;

  /** A user's department, for the division sync, which runs in the background (User.Read.All). */
  const getDepartment = async (aadObjectId: string): Promise<string | null> => {
    const user = (await withTimeout(
      backgroundClient
        .api(`/users/${encodeURIComponent(aadObjectId)}`)
        .select('department')
        .get(),
      backgroundTimeoutMs,
    )) as { department?: string | null };
    return user.department ?? null;
  };

  /**
   * A person chosen in the people picker who has not used the app yet (User.Read.All). Asked while
   * the sender waits in a turn: no retries, at most `turnTimeoutMs`.
   */
  const getPerson = async (aadObjectId: string): Promise<DirectoryPerson | null> => {
    try {
      const user = (await withTimeout(
        promptClient
          .api(`/users/${encodeURIComponent(aadObjectId)}`)
          .select(['displayName', 'mail', 'userPrincipalName'])
          .get(),
        turnTimeoutMs,
      )) as { displayName?: string | null; mail?: string | null; userPrincipalName?: string | null };
      return {
        displayName: storableDisplayName(user.displayName ?? '') || '（名前未設定）',
        email: user.mail ?? null,
      };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  };

  /**
   * Which of `groupIds` the user belongs to, transitively (User.Read.All and GroupMember.Read.All),
   * while a tab request waits. Graph takes at most 20 ids per call.
   */
  const memberGroups = async (aadObjectId: string, groupIds: string[]): Promise<string[]> => {
    const found: string[] = [];
    for (let start = 0; start < groupIds.length; start += 20) {
      const ids = groupIds.slice(start, start + 20);
      const result = (await withTimeout(
        promptClient
          .api(`/users/${encodeURIComponent(aadObjectId)}/checkMemberGroups`)
          .post({ groupIds: ids }),
        promptTimeoutMs,
      )) as { value?: string[] };
      found.push(...(result.value ?? []));
    }
    return found;
  };

  const warmUp = async () => {
    await withTimeout(getAccessToken(), backgroundTimeoutMs);
  };
  const directory = {
    getDepartment,
    getPerson,
    memberGroups,
    warmUp,
    usersDelta: createUsersDelta(backgroundClient),
  };
  if (!options.catalogAppId) return directory;
  return {
    ...directory,
    installForUser: createAppInstaller(backgroundClient, options.baseUrl, options.catalogAppId),
  };
};
