import { z } from 'zod';

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
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
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
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  TEAMS_APP_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
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
  WORKER_IN_PROCESS: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('true')),
});

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  trustProxy: boolean;
  /** Where users reach this server (https://…); used in links inside cards. */
  publicUrl: string | undefined;
  /** The Teams app (manifest) id, for deep links into the tab. */
  teamsAppId: string | undefined;
  bot: BotConfig;
  graph: { enabled: boolean; baseUrl: string; authorityHost: string };
  /** Run the notification worker inside the web process (default) or only in `npm run worker`. */
  workerInProcess: boolean;
}

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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const bot: BotConfig = {
    appId: e.BOT_APP_ID,
    appType: e.BOT_APP_TYPE,
    tenantId: e.BOT_TENANT_ID,
    appPassword: e.SECRET_BOT_APP_PASSWORD,
    certificateThumbprint: e.BOT_CERT_THUMBPRINT,
    certificatePrivateKey: e.SECRET_BOT_CERT_PRIVATE_KEY,
    openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    tokenIssuer: e.BOT_TOKEN_ISSUER,
  };
  if (e.NODE_ENV === 'production') assertProductionBot(bot);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    bot,
    graph: {
      enabled: e.GRAPH_ENABLED === 'true',
      baseUrl: e.GRAPH_BASE_URL,
      authorityHost: e.GRAPH_AUTHORITY_HOST,
    },
    workerInProcess: e.WORKER_IN_PROCESS === 'true',
  };
};

/**
 * Without an app id botbuilder accepts unsigned activities and replies to any serviceUrl: fine for a
 * local try, an open relay in production. Production needs the app id, a credential and (single
 * tenant) the tenant id.
 */
const assertProductionBot = (bot: BotConfig): void => {
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
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
};
