import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SignJWT } from 'jose';
import { hmacWithPublicKeyToken, newSigningKey, unsignedToken } from './jwt';
import { closeHttpServer, listenOnLoopback } from './ports';

/**
 * Entra ID access tokens for the tab API's tests, shaped like those `authentication.getAuthToken()`
 * returns (v2: issuer `https://login.microsoftonline.com/<tid>/v2.0`, `scp`, `oid`, `tid`), signed by a
 * local RSA key that a local JWKS endpoint publishes: the server verifies them through the real `jose`
 * path (AUTH_JWKS_URL points at the stub). Also the classic forgeries.
 */
export const entraTenantId = '7d1e4c3b-2a59-4f6e-8b0c-9e3f2a1d4c50';
export const otherTenantId = 'f0e1d2c3-b4a5-4968-8776-655443322110';
export const entraClientId = 'c2b7a4e1-9d3f-4a6b-8e5c-1f0d2a3b4c5d';
export const entraApiUri = `api://proposals.example.jp/botid-${entraClientId}`;

export interface EntraPerson {
  oid: string;
  name: string;
  email?: string;
  /** App role values (`roles` claim), e.g. 'Office'. */
  roles?: string[];
  /** Group object ids (`groups` claim). */
  groups?: string[];
}

export interface EntraTokenOptions {
  audience?: string;
  /** `tid` claim; default the test tenant. */
  tenantId?: string;
  /** Default: the v2 issuer of `tenantId`. */
  issuer?: string;
  /** `v1` uses `https://sts.windows.net/<tid>/` and `upn`. */
  version?: 'v1' | 'v2';
  scope?: string | null;
  /** Seconds from now; negative for an expired token (mind the server's 60 s clock tolerance). */
  expiresIn?: number;
  /** `untrusted`: a key the JWKS does not publish (with its own kid). */
  key?: 'trusted' | 'untrusted';
  /**
   * - `unsigned`: `alg: none`, empty signature
   * - `hmacWithPublicKey`: HS256 keyed with the trusted public key (algorithm confusion)
   * - `signedByOtherKey`: signed by the untrusted key under the trusted key's id
   */
  forgery?: 'unsigned' | 'hmacWithPublicKey' | 'signedByOtherKey';
  claims?: Record<string, unknown>;
}

export interface EntraStub {
  readonly jwksUrl: string;
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number;
  sign(person: EntraPerson, options?: EntraTokenOptions): Promise<string>;
  /** A token for each person of a cast: `{ staff: '…', office: '…' }`. */
  signAll<Who extends string>(people: Record<Who, EntraPerson>): Promise<Record<Who, string>>;
  /** AUTH_* variables for a server that trusts this stub. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export const startEntraStub = async (): Promise<EntraStub> => {
  const [trusted, untrusted] = await Promise.all([
    newSigningKey(`entra-${randomUUID()}`),
    newSigningKey(`attacker-${randomUUID()}`),
  ]);
  let jwksFetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url === '/discovery/v2.0/keys') {
      jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [trusted.publicJwk] }));
      return;
    }
    response.writeHead(404).end();
  });
  const url = await listenOnLoopback(server);

  const sign = async (person: EntraPerson, options: EntraTokenOptions = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const tid = options.tenantId ?? entraTenantId;
    const v1 = options.version === 'v1';
    const payload: Record<string, unknown> = {
      aud: options.audience ?? (v1 ? entraApiUri : entraClientId),
      iss:
        options.issuer ??
        (v1 ? `https://sts.windows.net/${tid}/` : `https://login.microsoftonline.com/${tid}/v2.0`),
      iat: now - 60,
      nbf: now - 60,
      exp: now + (options.expiresIn ?? 3600),
      tid,
      oid: person.oid,
      sub: `sub-${person.oid}`,
      name: person.name,
      ...(person.email ? (v1 ? { upn: person.email } : { preferred_username: person.email }) : {}),
      ...(options.scope === null ? {} : { scp: options.scope ?? 'access_as_user' }),
      ...(person.roles ? { roles: person.roles } : {}),
      ...(person.groups ? { groups: person.groups } : {}),
      ver: v1 ? '1.0' : '2.0',
      ...options.claims,
    };
    if (options.forgery === 'unsigned') return unsignedToken(trusted.kid, payload);
    if (options.forgery === 'hmacWithPublicKey') return hmacWithPublicKeyToken(trusted, payload);
    const key = options.forgery === 'signedByOtherKey' || options.key === 'untrusted' ? untrusted : trusted;
    const kid = options.forgery === 'signedByOtherKey' ? trusted.kid : key.kid;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key.privateKey);
  };

  return {
    jwksUrl: `${url}/discovery/v2.0/keys`,
    get jwksFetches() {
      return jwksFetches;
    },
    sign,
    signAll: async <Who extends string>(people: Record<Who, EntraPerson>) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries<EntraPerson>(people).map(async ([who, person]) => [who, await sign(person)]),
        ),
      ) as Record<Who, string>,
    env: (extra = {}) => ({
      AUTH_MODE: 'entra',
      AUTH_TENANT_ID: entraTenantId,
      AUTH_AUDIENCES: `${entraApiUri},${entraClientId}`,
      AUTH_JWKS_URL: `${url}/discovery/v2.0/keys`,
      AUTH_OFFICE_GROUP_IDS: 'a1b2c3d4-0000-4000-8000-00000000office',
      ...extra,
    }),
    close: () => closeHttpServer(server),
  };
};

/** `{ authorization: 'Bearer …' }` for `app.inject`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
