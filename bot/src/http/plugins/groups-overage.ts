import type { FastifyBaseLogger } from 'fastify';
import type { JWTPayload } from 'jose';
import type { GroupMembershipLookup } from '../../services/identity/sign-in';

/**
 * Groups overage: someone in more groups than a token can carry (200 in a JWT) gets a token without
 * `groups`, naming in `_claim_names.groups` where to ask instead.
 */
export const hasGroupsOverage = (payload: JWTPayload): boolean => {
  const claimNames = payload._claim_names as Record<string, unknown> | undefined;
  return !Array.isArray(payload.groups) && typeof claimNames?.groups === 'string';
};

export interface OverageResolverOptions {
  /** The office groups (AUTH_OFFICE_GROUP_IDS), the only ones worth asking about. */
  groupIds: string[];
  /** The directory with the app's own credential; absent when Graph is not configured. */
  lookup?: GroupMembershipLookup | undefined;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** How long an answer is reused (default 10 min), and a failure (default 1 min). */
  ttlMs?: number;
  failureTtlMs?: number;
  /** Most users remembered at once (default 5,000; the oldest answer goes first). */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Which office groups an overage user is in, asked of Graph with the app's own credential when it is
 * configured. Every API call is authenticated, so answers are kept a few minutes in memory (a cache,
 * not state: any instance may ask again). Without Graph, or when it fails, the user has no group
 * role: app roles and roles assigned in the database still apply, and the log says why.
 */
export const createOverageResolver = (options: OverageResolverOptions) => {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { groups: string[]; until: number }>();

  const remember = (oid: string, groups: string[], forMs: number) => {
    answers.delete(oid);
    if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!);
    answers.set(oid, { groups, until: now() + forMs });
  };

  return async (oid: string): Promise<string[]> => {
    if (options.groupIds.length === 0) return [];
    const cached = answers.get(oid);
    if (cached && cached.until > now()) return cached.groups;
    if (!options.lookup) {
      options.log.warn(
        { oid },
        'Token in groups overage and Graph is not configured (GRAPH_ENABLED): office group membership not checked; app roles and database roles apply',
      );
      remember(oid, [], ttlMs);
      return [];
    }
    try {
      const groups = await options.lookup.memberGroups(oid, options.groupIds);
      remember(oid, groups, ttlMs);
      return groups;
    } catch (error) {
      options.log.warn(
        { oid, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) },
        'Groups overage: office group membership could not be read from Graph; app roles and database roles apply',
      );
      remember(oid, [], failureTtlMs);
      return [];
    }
  };
};
