import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { AppError, storableDisplayName, storableText, type Role } from '#shared';
import type { AuthConfig } from '../../config';
import type { Database } from '../../data/database';
import {
  resolveDevelopmentUser,
  signInVerifiedIdentity,
  type GroupMembershipLookup,
  type SignedInUser,
} from '../../services/identity/sign-in';
import type { AuthenticatedActor } from '../auth-context';
import { createOverageResolver, hasGroupsOverage } from './groups-overage';

/**
 * Authentication of the tab API (`/api/*`). In `entra` mode a request carries the Teams SSO access
 * token (`authentication.getAuthToken()`): RS256, signed by a key of the tenant's JWKS, for one of our
 * audiences, issued by the configured tenant (v1 or v2 issuer), with the `access_as_user` scope. In
 * `development` mode (refused in production by the config) the server also issues and accepts its own
 * short-lived HS256 tokens for the demo personas. Anything else is 401.
 *
 * A verified Entra token stays on the request (`request.ssoToken`) as the assertion of on-behalf-of
 * calls to Graph. A token in groups overage (no `groups`, `_claim_names.groups` instead) has its
 * office groups checked through Graph when configured (see groups-overage.ts).
 */
export const requiredScope = 'access_as_user';
export const developmentTokenIssuer = 'urn:staff-proposals:development';
export const developmentTokenAudience = 'urn:staff-proposals:tab-api';
export const developmentTokenLifetimeSeconds = 60 * 60;
const clockToleranceSeconds = 60;

/** Paths under /api that do not take a tab token: the bot (its own auth) and the development sign-in. */
const isPublicApiPath = (path: string): boolean =>
  path === '/api/messages' || path.startsWith('/api/messages/') || path.startsWith('/api/dev/');

export const requiresAuthentication = (url: string): boolean => {
  const path = url.split('?', 1)[0]!;
  return path.startsWith('/api/') && !isPublicApiPath(path);
};

const unauthenticated = (message: string, cause?: unknown) =>
  new AppError('UNAUTHENTICATED', { message, cause });

export interface Authenticator {
  readonly mode: AuthConfig['mode'];
  /**
   * The signed-in user for an `Authorization` header, or UNAUTHENTICATED; with the token itself when
   * it is an Entra token (the assertion for on-behalf-of calls).
   */
  authenticate(authorization: string | undefined): Promise<SignedInUser & { ssoToken?: string }>;
  /** Development mode only: a token for a user already signed in through the demo sign-in. */
  issueDevelopmentToken(user: SignedInUser): Promise<{ token: string; expiresAt: string }>;
}

const bearerToken = (authorization: string | undefined): string => {
  const match = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*) *$/i.exec(authorization ?? '');
  if (!match) throw unauthenticated(authorization ? 'Malformed Authorization header' : 'No bearer token');
  return match[1]!;
};

const stringClaim = (payload: JWTPayload, name: string): string | undefined => {
  const value = payload[name];
  // Claims end up in text columns, which refuse NUL and lone surrogates.
  return typeof value === 'string' && value.length > 0 ? storableText(value) : undefined;
};

const stringListClaim = (payload: JWTPayload, name: string): string[] => {
  const value = payload[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

/** Roles an Entra token grants through app roles and group membership, as configured. */
const grantedRoles = (payload: JWTPayload, config: AuthConfig, groups: string[]): Role[] => {
  const appRoles = stringListClaim(payload, 'roles');
  const granted: Role[] = [];
  if (appRoles.includes(config.officeRole) || groups.some((id) => config.officeGroupIds.includes(id)))
    granted.push('office');
  if (appRoles.includes(config.adminRole)) granted.push('admin');
  return granted;
};

/** What the token grants: roles, and the divisions its groups make the user the liaison of (codes). */
const grantsOf = (payload: JWTPayload, config: AuthConfig, groups: string[]) => ({
  grantedRoles: grantedRoles(payload, config, groups),
  grantedLiaisonDivisionCodes: groups.flatMap((id) => {
    const code = config.liaisonGroups.get(id);
    return code ? [code] : [];
  }),
});

/** The key fetch failed (network, timeout): our problem, not the caller's. */
const isKeySourceFailure = (error: unknown): boolean =>
  error instanceof joseErrors.JWKSTimeout ||
  (error instanceof TypeError && /fetch/i.test(error.message)) ||
  (error instanceof joseErrors.JOSEError &&
    error.code === 'ERR_JOSE_GENERIC' &&
    /fetch|status/i.test(error.message));

export interface AuthenticatorOptions {
  /** Graph with the app's own credential, for tokens in groups overage; absent = not configured. */
  groups?: GroupMembershipLookup | undefined;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/** Entra ID access tokens of the tenant (Teams SSO): signature, audience, issuer, scope, user. */
const createEntraVerifier = (config: AuthConfig, db: Database, options: AuthenticatorOptions) => {
  const { tenantId, audiences, jwksUrl } = config;
  const overageGroups = createOverageResolver({
    groupIds: [...config.officeGroupIds, ...config.liaisonGroups.keys()],
    lookup: options.groups,
    log: options.log,
  });
  /** The `groups` claim, or the office groups Graph names for a token in overage. */
  const groupsOf = async (payload: JWTPayload, oid: string): Promise<string[]> => {
    if (!hasGroupsOverage(payload)) return stringListClaim(payload, 'groups');
    // An app role already makes them office: no need to ask (unless groups also make liaisons).
    if (stringListClaim(payload, 'roles').includes(config.officeRole) && config.liaisonGroups.size === 0)
      return [];
    return overageGroups(oid);
  };
  const entraConfigured = Boolean(tenantId && audiences.length > 0 && jwksUrl);
  const jwks = entraConfigured
    ? createRemoteJWKSet(new URL(jwksUrl!), { timeoutDuration: 5_000, cooldownDuration: 30_000 })
    : undefined;
  const issuers = tenantId
    ? [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`]
    : [];

  const verifiedPayload = async (token: string): Promise<JWTPayload> => {
    if (!jwks) throw unauthenticated('Entra authentication is not configured');
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        audience: audiences,
        issuer: issuers,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      });
      return payload;
    } catch (error) {
      if (isKeySourceFailure(error)) {
        throw new AppError('UNAVAILABLE', { message: 'Signing keys could not be fetched', cause: error });
      }
      throw unauthenticated(`Token rejected: ${(error as Error).name}`, error);
    }
  };

  return async (token: string): Promise<SignedInUser & { ssoToken: string }> => {
    const payload = await verifiedPayload(token);
    if (payload.tid !== tenantId) throw unauthenticated('Token of another tenant');
    const scopes = (stringClaim(payload, 'scp') ?? '').split(' ');
    if (!scopes.includes(requiredScope)) throw unauthenticated(`Token without the ${requiredScope} scope`);
    const oid = stringClaim(payload, 'oid');
    if (!oid) throw unauthenticated('Token without an object id');
    const email = stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'upn') ?? null;
    const user = await signInVerifiedIdentity(db, {
      aadObjectId: oid,
      tenantId: tenantId!,
      displayName: storableDisplayName(stringClaim(payload, 'name') ?? email ?? ''),
      email,
      ...grantsOf(payload, config, await groupsOf(payload, oid)),
    });
    return { ...user, ssoToken: token };
  };
};

/** The demo sign-in's own HS256 tokens (development mode only; no key otherwise). */
const createDevelopmentTokens = (config: AuthConfig, db: Database) => {
  const devKey =
    config.mode === 'development'
      ? config.devKey
        ? new TextEncoder().encode(config.devKey)
        : new Uint8Array(randomBytes(32))
      : undefined;
  const verify = async (token: string): Promise<SignedInUser> => {
    if (!devKey) throw unauthenticated('Development tokens are not accepted');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, devKey, {
        algorithms: ['HS256'],
        issuer: developmentTokenIssuer,
        audience: developmentTokenAudience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw unauthenticated(`Development token rejected: ${(error as Error).name}`, error);
    }
    return resolveDevelopmentUser(db, payload.sub!);
  };
  const issue: Authenticator['issueDevelopmentToken'] = async (user) => {
    if (!devKey) throw new AppError('NOT_FOUND', { message: 'Development sign-in is disabled' });
    const expiresAt = new Date(Date.now() + developmentTokenLifetimeSeconds * 1000);
    const token = await new SignJWT({ name: user.displayName })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(developmentTokenIssuer)
      .setAudience(developmentTokenAudience)
      .setSubject(user.aadObjectId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(devKey);
    return { token, expiresAt: expiresAt.toISOString() };
  };
  return { enabled: Boolean(devKey), verify, issue };
};

export const createAuthenticator = (
  config: AuthConfig,
  db: Database,
  options: AuthenticatorOptions,
): Authenticator => {
  const verifyEntra = createEntraVerifier(config, db, options);
  const development = createDevelopmentTokens(config, db);
  return {
    mode: config.mode,
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch (error) {
        throw unauthenticated('Unreadable token header', error);
      }
      // Development tokens only in development mode; everything else takes the Entra path (RS256 only).
      if (development.enabled && alg === 'HS256') return development.verify(token);
      return verifyEntra(token);
    },
    issueDevelopmentToken: development.issue,
  };
};

export interface AuthPluginOptions {
  authenticator: Authenticator;
}

/**
 * Sets `request.actor` on every `/api/*` request except the bot endpoint and the development sign-in.
 * Runs at `onRequest`, before the body is read: an anonymous upload is refused without being parsed.
 */
export const authPlugin = fp(async (app: FastifyInstance, { authenticator }: AuthPluginOptions) => {
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    // The matched route's pattern when there is one (not fooled by encodings), else the raw path.
    if (!requiresAuthentication(request.routeOptions.url ?? request.url)) return;
    try {
      const user = await authenticator.authenticate(request.headers.authorization);
      const actor: AuthenticatedActor = {
        userId: user.userId,
        roles: user.roles,
        liaisonDivisionIds: user.liaisonDivisionIds,
        grantedRoles: user.grantedRoles,
        aadObjectId: user.aadObjectId,
        displayName: user.displayName,
      };
      request.actor = actor;
      if (user.ssoToken) request.ssoToken = user.ssoToken;
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        reply.header('www-authenticate', 'Bearer');
      }
      throw error;
    }
  });
});
