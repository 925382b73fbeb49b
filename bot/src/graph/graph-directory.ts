import type { GroupMembershipLookup } from '../services/identity/sign-in';
import { AppError, storableDisplayName } from '#shared';
import type { AppInstaller, DirectoryLookup, DirectoryPerson } from '../services/identity/teams-contact';
import {
  createConfidentialClient,
  createGraphClient,
  graphScope,
  type GraphConnection,
} from './graph-transport';

/** How long a lookup that someone waits for may take. */
export const promptTimeoutMs = 3000;

const withTimeout = <T>(promise: Promise<T>, ms = promptTimeoutMs): Promise<T> => {
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

export interface GraphDirectoryOptions extends GraphConnection {
  /** The Teams app's manifest id, for proactive installation; none = no installation. */
  teamsAppId?: string | undefined;
}

/**
 * The organisation directory through Microsoft Graph with the app's own identity (client credentials;
 * application permission User.Read.All): a user's `department` becomes their division.
 * MSAL caches the app token in memory until shortly before it expires.
 */
export const createGraphDirectory = (
  options: GraphDirectoryOptions,
): DirectoryLookup & GroupMembershipLookup & Partial<AppInstaller> => {
  const msal = createConfidentialClient(options);
  const getAccessToken = async () => {
    const result = await msal.acquireTokenByClientCredential({ scopes: [graphScope(options, '.default')] });
    if (!result?.accessToken) throw new Error('Graph token not issued');
    return result.accessToken;
  };
  const client = createGraphClient(options, getAccessToken);
  // Runs while a tab request waits (groups overage): no retries behind the user's back.
  const promptClient = createGraphClient(options, getAccessToken, { retry: false });
  const getDepartment = async (aadObjectId: string): Promise<string | null> => {
    const user = (await client
      .api(`/users/${encodeURIComponent(aadObjectId)}`)
      .select('department')
      .get()) as {
      department?: string | null;
    };
    return user.department ?? null;
  };
  /**
   * A person chosen in the people picker who has not used the app yet (User.Read.All). Asked while
   * the sender waits: no retries, and at most `promptTimeoutMs`.
   */
  const getPerson = async (aadObjectId: string): Promise<DirectoryPerson | null> => {
    try {
      const user = (await withTimeout(
        promptClient
          .api(`/users/${encodeURIComponent(aadObjectId)}`)
          .select(['displayName', 'mail', 'userPrincipalName'])
          .get(),
      )) as { displayName?: string | null; mail?: string | null; userPrincipalName?: string | null };
      return {
        displayName: storableDisplayName(user.displayName ?? '') || '（名前未設定）',
        email: user.mail ?? null,
      };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  };
  /**
   * Which of `groupIds` the user belongs to, transitively (application permissions User.Read.All and
   * GroupMember.Read.All). Graph takes at most 20 ids per call.
   */
  const memberGroups = async (aadObjectId: string, groupIds: string[]): Promise<string[]> => {
    const found: string[] = [];
    for (let start = 0; start < groupIds.length; start += 20) {
      const ids = groupIds.slice(start, start + 20);
      const result = (await promptClient
        .api(`/users/${encodeURIComponent(aadObjectId)}/checkMemberGroups`)
        .post({ groupIds: ids })) as { value?: string[] };
      found.push(...(result.value ?? []));
    }
    return found;
  };
  if (!options.teamsAppId) return { getDepartment, getPerson, memberGroups };
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
  return { getDepartment, getPerson, memberGroups, installForUser };
};
