/**
 * Every Microsoft Graph call this app makes, with the permission Microsoft's documentation names as
 * the least privileged one for it. The one table: the Graph clients refuse any request it does not
 * list (`assertDeclaredGraphCall`, run by a middleware before the request leaves), and a test checks
 * that it, the Entra manifest (infra/entra/entra.manifest.json) and docs/operations.md name the same
 * permissions.
 */
export type GraphPermissionType = 'Role' | 'Scope';

export interface GraphCall {
  /** What the app uses it for. */
  use: string;
  method: 'GET' | 'POST';
  /** The path under the version segment, e.g. `/users/{id}`; `{…}` matches one segment. */
  path: string;
  /** All of these are needed; `Role` = application permission, `Scope` = delegated. */
  permissions: readonly { name: string; type: GraphPermissionType }[];
}

const application = (name: string) => ({ name, type: 'Role' as const });
const delegated = (name: string) => ({ name, type: 'Scope' as const });

export const graphCalls: readonly GraphCall[] = [
  // Before `/users/{id}`, which would match `delta` as an id.
  {
    use: 'the scheduled directory sync: users changed since the last round, with their department (delta query)',
    method: 'GET',
    path: '/users/delta',
    permissions: [application('User.Read.All')],
  },
  {
    use: "a user's department (their division) and the person behind a people-picker choice",
    method: 'GET',
    path: '/users/{id}',
    permissions: [application('User.Read.All')],
  },
  {
    use: 'office group membership of a token in groups overage',
    method: 'POST',
    path: '/users/{id}/checkMemberGroups',
    permissions: [application('User.Read.All'), application('GroupMember.Read.All')],
  },
  {
    use: 'installing the app for a stamp recipient who does not have it (the app itself only)',
    method: 'POST',
    path: '/users/{id}/teamwork/installedApps',
    permissions: [application('TeamsAppInstallation.ReadWriteSelfForUser.All')],
  },
  {
    use: 'finding the installation when Graph answers 409 (already installed)',
    method: 'GET',
    path: '/users/{id}/teamwork/installedApps',
    permissions: [application('TeamsAppInstallation.ReadWriteSelfForUser.All')],
  },
  {
    use: 'the 1:1 chat of that installation, where the waiting stamps go',
    method: 'GET',
    path: '/users/{id}/teamwork/installedApps/{id}/chat',
    permissions: [application('TeamsAppInstallation.ReadWriteSelfForUser.All')],
  },
  {
    use: "a tab user's own department, on their behalf (on-behalf-of flow)",
    method: 'GET',
    path: '/me',
    permissions: [delegated('User.Read')],
  },
];

const pathPattern = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z]+\}/g, '[^/]+')}$`);

const patterns = graphCalls.map((call) => ({ call, pattern: pathPattern(call.path) }));

/**
 * The table's entry for a request (`/v1.0/users/…` or a full URL; the version segment and the query
 * are ignored), or undefined when the app has not declared such a call.
 */
export const declaredGraphCall = (method: string, url: string): GraphCall | undefined => {
  const pathname = decodeURIComponent(new URL(url, 'https://graph.microsoft.com').pathname).replace(
    /^\/(v1\.0|beta)(?=\/)/,
    '',
  );
  return patterns.find(({ call, pattern }) => call.method === method.toUpperCase() && pattern.test(pathname))
    ?.call;
};

export class UndeclaredGraphCallError extends Error {
  override name = 'UndeclaredGraphCallError';
}

/** Throws unless the request is in the table (so its permission is declared and documented). */
export const assertDeclaredGraphCall = (method: string, url: string): GraphCall => {
  const call = declaredGraphCall(method, url);
  if (!call) {
    const path = new URL(url, 'https://graph.microsoft.com').pathname;
    throw new UndeclaredGraphCallError(
      `Microsoft Graph ${method.toUpperCase()} ${path} is not declared in bot/src/graph/graph-permissions.ts`,
    );
  }
  return call;
};

/** Every permission of the table, once each, as the Entra manifest lists them (`name`, `type`). */
export const declaredGraphPermissions = (): { name: string; type: GraphPermissionType }[] => {
  const seen = new Map<string, { name: string; type: GraphPermissionType }>();
  for (const call of graphCalls) {
    for (const permission of call.permissions) seen.set(`${permission.type}:${permission.name}`, permission);
  }
  return [...seen.values()];
};
