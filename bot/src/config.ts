import { z } from 'zod';
import { splitCommaList } from '#shared';

/**
 * The one place that reads process.env. Parsed once at boot; a bad value stops the process with a
 * message naming the variable (operator-facing, so English).
 */
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data')),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(1_048_576)),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(600)),
  RATE_LIMIT_PER_USER_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(300)),
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('false')
      .refine((value) => value !== 'true', {
        message:
          'true would trust any client-supplied X-Forwarded-For; give the number of proxies in front (App Service, Container Apps: 1) or their addresses',
      }),
  ),
  ALLOW_INSECURE_LOCAL_MODE: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
  BOT_SERVICE_URL_ALLOWLIST: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_ALLOWED_TENANT_IDS: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_AUTH_FAILURES_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
  LIMIT_PROPOSALS_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(5)),
  LIMIT_PROPOSALS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
  LIMIT_STAMP_SENDS_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(10)),
  LIMIT_STAMP_SENDS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(100)),
  LIMIT_STAMP_RECIPIENTS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(200)),
  LIMIT_APP_INSTALLS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(50)),
  LIMIT_COMMENTS_PER_10_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(10)),
  LIMIT_COMMENT_REPORTS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  TEAMS_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  TEAMS_APP_PUBLISHED_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_APP_TYPE: z.preprocess(
    emptyAsUndefined,
    z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ),
  BOT_TENANT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  SECRET_BOT_APP_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_CERT_THUMBPRINT: z.preprocess(emptyAsUndefined, z.string().optional()),
  SECRET_BOT_CERT_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  BOT_OPENID_METADATA_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  BOT_TOKEN_ISSUER: z.preprocess(emptyAsUndefined, z.string().optional()),
  GRAPH_ENABLED: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
  GRAPH_BASE_URL: z.preprocess(emptyAsUndefined, z.url().default('https://graph.microsoft.com')),
  GRAPH_AUTHORITY_HOST: z.preprocess(emptyAsUndefined, z.url().default('https://login.microsoftonline.com')),
  GRAPH_TURN_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(100).max(4000).default(700),
  ),
  WORKER_IN_PROCESS: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('true')),
  AUTH_MODE: z.preprocess(emptyAsUndefined, z.enum(['entra', 'development']).default('entra')),
  AUTH_TENANT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_AUDIENCES: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_JWKS_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  AUTH_OFFICE_ROLE: z.preprocess(emptyAsUndefined, z.string().default('Office')),
  AUTH_ADMIN_ROLE: z.preprocess(emptyAsUndefined, z.string().default('Admin')),
  AUTH_OFFICE_GROUP_IDS: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_LIAISON_GROUPS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^\s*[^=,\s]+\s*=\s*[^=,\s]+\s*(,\s*[^=,\s]+\s*=\s*[^=,\s]+\s*)*$/,
        'must be <group id>=<division code>, comma-separated',
      )
      .optional(),
  ),
  SECRET_DEV_AUTH_KEY: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
});

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  /** Loopback by default while an insecure mode is on, else all interfaces. */
  host: string;
  /** What lets anyone in (unsigned bot traffic, demo sign-in): logged as a warning at start. */
  insecureModes: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Tab API requests per signed-in user per minute before 429. */
  rateLimitPerUserPerMinute: number;
  /**
   * Which X-Forwarded-For hops to believe: false (none), a hop count (the proxies in front: App
   * Service and Container Apps are 1), or the proxies' addresses / CIDR ranges. Never "all": the
   * leftmost address is the client's own claim.
   */
  trustProxy: false | number | string[];
  /** Per-user limits on what one person can make the bot do. */
  limits: UserActionLimits;
  /** Where users reach this server (https://…); used in links inside cards. */
  publicUrl: string | undefined;
  /** The Teams app (manifest) id. */
  teamsAppId: string | undefined;
  /**
   * The app's id in the organisation's app catalog once published there (TEAMS_APP_PUBLISHED_APP_ID,
   * written by the Toolkit's publishAppPackage): proactive installation and deep links use it.
   */
  teamsAppPublishedId: string | undefined;
  bot: BotConfig;
  graph: {
    enabled: boolean;
    baseUrl: string;
    authorityHost: string;
    /** How long a directory lookup inside a bot turn may take before the turn goes on without it. */
    turnTimeoutMs: number;
  };
  /** Run the notification worker inside the web process (default) or only in `npm run worker`. */
  workerInProcess: boolean;
  auth: AuthConfig;
}

/** How the tab API authenticates people (Teams SSO tokens, or demo sign-in during development). */
export interface AuthConfig {
  /** `entra`: Entra ID access tokens only. `development`: demo sign-in (refused in production). */
  mode: 'entra' | 'development';
  /** The tenant whose tokens are accepted (`tid` and issuer); defaults to BOT_TENANT_ID. */
  tenantId: string | undefined;
  /**
   * The Entra app (client) id of the tab's SSO registration, which is the bot's (BOT_APP_ID): the
   * tab's consent popup asks for it, and on-behalf-of calls use it with the bot's credential
   * (`bot.appPassword` or `bot.certificate…`).
   */
  clientId: string | undefined;
  /** Accepted `aud` values: the `api://…/botid-<id>` URI and the client id. */
  audiences: string[];
  /** Where the signing keys are fetched; defaults to the tenant's v2.0 discovery keys. */
  jwksUrl: string | undefined;
  /** App role values (in the `roles` claim) that grant office / admin. */
  officeRole: string;
  adminRole: string;
  /** Entra group object ids (in the `groups` claim) whose members are office. */
  officeGroupIds: string[];
  /**
   * Entra group object id → division code: members are liaisons (所管課担当) of that division, in
   * addition to the divisions assigned in 権限管理 (AUTH_LIAISON_GROUPS=`<group id>=<code>,…`).
   */
  liaisonGroups: ReadonlyMap<string, string>;
  /** HS256 key for development sign-in tokens; a random per-process key when absent. */
  devKey: string | undefined;
}

export interface UserActionLimits {
  proposalsPerMinute: number;
  proposalsPerDay: number;
  stampSendsPerMinute: number;
  stampSendsPerDay: number;
  stampRecipientsPerDay: number;
  /** Proactive installations of the app that one person's stamps may trigger. */
  appInstallsPerDay: number;
  /** Comments one person may post on proposals in ten minutes. */
  commentsPer10Minutes: number;
  /** Reports (通報) of comments one person may make in a day. */
  commentReportsPerDay: number;
}

/** Where Microsoft Teams sends activities from (public cloud, GCC, GCC High, DoD). */
export const teamsServiceUrls = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];

export interface BotConfig {
  /** Empty = local mode: unauthenticated requests accepted (refused in production). */
  appId: string | undefined;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  tenantId: string | undefined;
  appPassword: string | undefined;
  certificateThumbprint: string | undefined;
  certificatePrivateKey: string | undefined;
  /** Overrides of the Bot Framework's OpenID metadata and issuer (sovereign clouds, offline tests). */
  openIdMetadataUrl: string | undefined;
  tokenIssuer: string | undefined;
  /** URL prefixes an activity's serviceUrl must start with (replies and proactive sends go there). */
  serviceUrlAllowlist: string[];
  /** Tenants whose activities are processed; empty only in local mode. */
  allowedTenantIds: string[];
  /** Failed bot authentications per client address and minute before it is refused outright. */
  authFailuresPerMinute: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = z.output<typeof EnvSchema>;

const botConfigOf = (e: Env): BotConfig => ({
  appId: e.BOT_APP_ID,
  appType: e.BOT_APP_TYPE,
  tenantId: e.BOT_TENANT_ID,
  appPassword: e.SECRET_BOT_APP_PASSWORD,
  certificateThumbprint: e.BOT_CERT_THUMBPRINT,
  certificatePrivateKey: e.SECRET_BOT_CERT_PRIVATE_KEY,
  openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
  tokenIssuer: e.BOT_TOKEN_ISSUER,
  serviceUrlAllowlist: e.BOT_SERVICE_URL_ALLOWLIST
    ? splitCommaList(e.BOT_SERVICE_URL_ALLOWLIST)
    : teamsServiceUrls,
  allowedTenantIds: e.BOT_ALLOWED_TENANT_IDS
    ? splitCommaList(e.BOT_ALLOWED_TENANT_IDS)
    : [e.BOT_TENANT_ID ?? e.AUTH_TENANT_ID].filter((id): id is string => Boolean(id)),
  authFailuresPerMinute: e.BOT_AUTH_FAILURES_PER_MINUTE,
});

const authConfigOf = (e: Env): AuthConfig => {
  const tenantId = e.AUTH_TENANT_ID ?? e.BOT_TENANT_ID;
  return {
    mode: e.AUTH_MODE,
    tenantId,
    clientId: e.BOT_APP_ID,
    audiences: e.AUTH_AUDIENCES
      ? splitCommaList(e.AUTH_AUDIENCES)
      : defaultAudiences(e.BOT_APP_ID, e.PUBLIC_URL),
    jwksUrl:
      e.AUTH_JWKS_URL ??
      (tenantId
        ? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`
        : undefined),
    officeRole: e.AUTH_OFFICE_ROLE,
    adminRole: e.AUTH_ADMIN_ROLE,
    officeGroupIds: splitCommaList(e.AUTH_OFFICE_GROUP_IDS ?? ''),
    liaisonGroups: new Map(
      splitCommaList(e.AUTH_LIAISON_GROUPS ?? '').map((pair) => {
        const [group, code] = pair.split('=').map((part) => part.trim());
        return [group!, code!] as const;
      }),
    ),
    devKey: e.SECRET_DEV_AUTH_KEY,
  };
};

const limitsOf = (e: Env): UserActionLimits => ({
  proposalsPerMinute: e.LIMIT_PROPOSALS_PER_MINUTE,
  proposalsPerDay: e.LIMIT_PROPOSALS_PER_DAY,
  stampSendsPerMinute: e.LIMIT_STAMP_SENDS_PER_MINUTE,
  stampSendsPerDay: e.LIMIT_STAMP_SENDS_PER_DAY,
  stampRecipientsPerDay: e.LIMIT_STAMP_RECIPIENTS_PER_DAY,
  appInstallsPerDay: e.LIMIT_APP_INSTALLS_PER_DAY,
  commentsPer10Minutes: e.LIMIT_COMMENTS_PER_10_MINUTES,
  commentReportsPerDay: e.LIMIT_COMMENT_REPORTS_PER_DAY,
});

/** Loopback by default while an insecure mode is on; anything else only when explicitly allowed. */
const hostOf = (e: Env, insecureModes: string[]): string => {
  const host = e.HOST ?? (insecureModes.length > 0 ? '127.0.0.1' : '0.0.0.0');
  if (insecureModes.length > 0 && !isLoopback(host) && e.ALLOW_INSECURE_LOCAL_MODE !== 'true') {
    throw new ConfigError(
      `Invalid configuration:\n  ${insecureModes.join(' and ')} may only listen on a loopback address (HOST=${host}); set BOT_APP_ID and its credential and AUTH_MODE=entra, or ALLOW_INSECURE_LOCAL_MODE=true for a closed test network`,
    );
  }
  return host;
};

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const bot = botConfigOf(e);
  const auth = authConfigOf(e);
  if (e.NODE_ENV === 'production') {
    const problems = [...productionBotProblems(bot), ...productionAuthProblems(auth)];
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const insecureModes = insecureModesOf(bot, auth);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: hostOf(e, insecureModes),
    insecureModes,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitPerUserPerMinute: e.RATE_LIMIT_PER_USER_PER_MINUTE,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    limits: limitsOf(e),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    teamsAppPublishedId: e.TEAMS_APP_PUBLISHED_APP_ID,
    bot,
    graph: {
      enabled: e.GRAPH_ENABLED === 'true',
      baseUrl: e.GRAPH_BASE_URL,
      authorityHost: e.GRAPH_AUTHORITY_HOST,
      turnTimeoutMs: e.GRAPH_TURN_TIMEOUT_MS,
    },
    workerInProcess: e.WORKER_IN_PROCESS === 'true',
    auth,
  };
};

/**
 * The app id Teams deep links name: the org-catalog id once the app is published there (the manifest
 * id then no longer finds it for everyone), else the manifest id (sideloaded or Developer Portal apps).
 */
export const deepLinkAppId = (
  config: Pick<Config, 'teamsAppId' | 'teamsAppPublishedId'>,
): string | undefined => config.teamsAppPublishedId ?? config.teamsAppId;

/** `false`, a hop count, or addresses / CIDR ranges of the proxies in front. */
const parseTrustProxy = (value: string): false | number | string[] => {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return splitCommaList(value);
};

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Modes that let anyone in: unsigned bot traffic (no bot app id: botbuilder accepts any activity and
 * replies to any serviceUrl) and the demo sign-in (anyone may be anyone). Named for the start-up warning.
 */
const insecureModesOf = (bot: BotConfig, auth: AuthConfig): string[] => [
  ...(bot.appId ? [] : ['unsigned bot traffic (BOT_APP_ID unset)']),
  ...(auth.mode === 'development' ? ['the demo sign-in (AUTH_MODE=development)'] : []),
];

/** Teams SSO for a bot + tab app: `api://<host>/botid-<bot id>` and the bot's client id. */
const defaultAudiences = (botAppId: string | undefined, publicUrl: string | undefined): string[] => {
  if (!botAppId) return [];
  const host = publicUrl ? new URL(publicUrl).host : undefined;
  return [...(host ? [`api://${host}/botid-${botAppId}`] : []), botAppId];
};

/** Demo sign-in lets anyone be anyone: never in production. Entra mode needs a tenant and audiences. */
const productionAuthProblems = (auth: AuthConfig): string[] => {
  const problems: string[] = [];
  if (auth.mode === 'development') problems.push('AUTH_MODE=development is not allowed in production');
  if (!auth.tenantId) problems.push('AUTH_TENANT_ID (or BOT_TENANT_ID) is required for the tab API');
  if (auth.audiences.length === 0)
    problems.push('AUTH_AUDIENCES (or BOT_APP_ID) is required for the tab API');
  return problems;
};

/**
 * Without an app id botbuilder accepts unsigned activities and replies to any serviceUrl: fine for a
 * local try, an open relay in production. Production needs the app id, a credential and (single
 * tenant) the tenant id.
 */
const productionBotProblems = (bot: BotConfig): string[] => {
  const problems: string[] = [];
  if (!bot.appId) problems.push('BOT_APP_ID is required in production');
  const hasCredential =
    bot.appType === 'UserAssignedMSI' ||
    Boolean(bot.appPassword) ||
    Boolean(bot.certificateThumbprint && bot.certificatePrivateKey);
  if (!hasCredential) {
    problems.push(
      'SECRET_BOT_APP_PASSWORD, or BOT_CERT_THUMBPRINT with SECRET_BOT_CERT_PRIVATE_KEY, is required',
    );
  }
  if (bot.appType !== 'MultiTenant' && !bot.tenantId)
    problems.push('BOT_TENANT_ID is required for a single-tenant bot');
  if (bot.allowedTenantIds.length === 0)
    problems.push(
      'BOT_ALLOWED_TENANT_IDS (or BOT_TENANT_ID) is required: activities of other tenants are refused',
    );
  return problems;
};
