import { describe, expect, it } from 'vitest';
import {
  assertDeclaredGraphCall,
  declaredGraphCall,
  declaredGraphPermissions,
  graphCalls,
  UndeclaredGraphCallError,
} from '../../bot/src/graph/graph-permissions';
import { createGraphClient } from '../../bot/src/graph/graph-transport';
import { readRepoFile } from '../helpers/deployment-files';

/**
 * The one table of Graph calls and permissions (bot/src/graph/graph-permissions.ts) against the
 * Entra manifest the Toolkit applies and the permission table operators read.
 */
const entraPermissions = (): { name: string; type: string }[] => {
  const manifest = JSON.parse(readRepoFile('infra/entra/entra.manifest.json')) as {
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  };
  return manifest.requiredResourceAccess
    .filter((resource) => resource.resourceAppId === 'Microsoft Graph')
    .flatMap((resource) => resource.resourceAccess.map((access) => ({ name: access.id, type: access.type })));
};

const key = (permission: { name: string; type: string }) => `${permission.type}:${permission.name}`;

describe('Microsoft Graph permissions', () => {
  it('the Entra manifest requests exactly the permissions of the calls the app makes', () => {
    expect(entraPermissions().map(key).sort()).toEqual(declaredGraphPermissions().map(key).sort());
  });

  it('docs/operations.md lists each permission with its type and calls', () => {
    const doc = readRepoFile('docs/operations.md');
    for (const permission of declaredGraphPermissions()) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${permission.name}\` |`));
      expect(row, permission.name).toBeDefined();
      expect(row).toContain(permission.type === 'Role' ? '| application |' : '| delegated |');
      for (const call of graphCalls.filter((candidate) =>
        candidate.permissions.some((needed) => key(needed) === key(permission)),
      )) {
        const leaf = call.path.split('/').at(-1)!;
        expect(row, `${permission.name}: ${call.method} ${call.path}`).toContain(leaf);
      }
    }
  });

  it('does without AppCatalog.Read.All: the catalog id comes from TEAMS_APP_PUBLISHED_APP_ID', () => {
    expect(entraPermissions().map((permission) => permission.name)).not.toContain('AppCatalog.Read.All');
    expect(declaredGraphCall('GET', '/v1.0/appCatalogs/teamsApps?$filter=externalId eq x')).toBeUndefined();
  });

  it('matches requests by method and path, whatever the query', () => {
    expect(
      declaredGraphCall('GET', 'https://graph.microsoft.com/v1.0/users/abc?$select=department')?.path,
    ).toBe('/users/{id}');
    expect(declaredGraphCall('GET', '/v1.0/users/delta?$deltatoken=1')?.path).toBe('/users/delta');
    expect(declaredGraphCall('GET', '/v1.0/users/u1/teamwork/installedApps/aW5zdA%3D%3D/chat')?.path).toBe(
      '/users/{id}/teamwork/installedApps/{id}/chat',
    );
    expect(declaredGraphCall('DELETE', '/v1.0/users/abc')).toBeUndefined();
    expect(declaredGraphCall('GET', '/v1.0/users/abc/chats')).toBeUndefined();
  });

  it('the Graph client refuses a call the table does not list, before it leaves', async () => {
    const sent: string[] = [];
    const client = createGraphClient(
      {
        tenantId: 't',
        clientId: 'c',
        credential: { clientSecret: 's' },
        authorityHost: 'https://login.microsoftonline.com',
        baseUrl: 'https://graph.microsoft.com',
        fetch: (async (input: string | URL | Request) => {
          sent.push(String(input));
          return new Response(JSON.stringify({ department: '人事課' }), {
            headers: { 'content-type': 'application/json' },
          });
        }) as typeof fetch,
      },
      async () => 'token',
      { retry: false },
    );
    // The Graph SDK hands the middleware's error on as a GraphError with the same message.
    await expect(client.api('/users/abc/chats').get()).rejects.toThrow(
      'Microsoft Graph GET /v1.0/users/abc/chats is not declared in bot/src/graph/graph-permissions.ts',
    );
    await expect(client.api('/groups').post({})).rejects.toThrow(/POST \/v1\.0\/groups is not declared/);
    expect(() => assertDeclaredGraphCall('PATCH', '/v1.0/users/abc')).toThrow(UndeclaredGraphCallError);
    expect(sent).toEqual([]);
    expect(await client.api('/users/abc').select('department').get()).toEqual({ department: '人事課' });
    expect(sent).toHaveLength(1);
  });
});
