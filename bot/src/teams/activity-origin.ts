import type { Activity } from 'botbuilder';

/**
 * Where a verified activity must come from before anything of it is stored or answered: Teams
 * (`channelId` msteams), a serviceUrl on the allowlist that equals the token's `serviceurl` claim
 * (replies and every later proactive message go to that URL with the bot's own bearer token), and one
 * of the tenants this deployment serves.
 */
export interface OriginRules {
  serviceUrlAllowlist: readonly string[];
  allowedTenantIds: readonly string[];
  /** Local mode (no bot app id, development only): the Agents Playground on this machine. */
  allowLoopback: boolean;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const parseUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** Same scheme and host as an allowlisted prefix, and its path below the prefix's path. */
export const isAllowedServiceUrl = (serviceUrl: string, rules: Omit<OriginRules, 'allowedTenantIds'>) => {
  const url = parseUrl(serviceUrl);
  if (!url || url.username || url.password) return false;
  if (rules.allowLoopback && url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return true;
  return rules.serviceUrlAllowlist.some((entry) => {
    const prefix = parseUrl(entry);
    return Boolean(prefix && url.origin === prefix.origin && url.pathname.startsWith(prefix.pathname));
  });
};

/** The tenant an activity names (Teams sends it in both places; both must agree). */
const tenantsOf = (activity: Activity): string[] => {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return [activity.conversation?.tenantId, channelData?.tenant?.id].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
};

/** Why the activity may not be processed, or undefined when it may. */
export const originProblem = (
  activity: Activity,
  rules: OriginRules,
  tokenServiceUrl: string | undefined,
): string | undefined => {
  if (activity.channelId !== 'msteams') return 'not from Microsoft Teams';
  if (typeof activity.serviceUrl !== 'string' || !isAllowedServiceUrl(activity.serviceUrl, rules))
    return 'serviceUrl not on the allowlist';
  if (tokenServiceUrl !== undefined && tokenServiceUrl !== activity.serviceUrl)
    return "serviceUrl differs from the token's";
  if (rules.allowedTenantIds.length > 0) {
    const tenants = tenantsOf(activity);
    if (tenants.length === 0 || !tenants.every((id) => rules.allowedTenantIds.includes(id)))
      return 'tenant not served by this deployment';
  }
  return undefined;
};
