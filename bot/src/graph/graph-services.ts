import type { Config } from '../config';
import type { OnBehalfOfDirectory } from '../services/identity/teams-contact';
import { createGraphDirectory, type GraphDirectory } from './graph-directory';
import type { AppCredential, GraphConnection } from './graph-transport';
import { createOnBehalfOfDirectory } from './on-behalf-of';

/** What the server gets from Microsoft Graph; each part is absent when it is not configured. */
export interface GraphServices {
  /** The app's own identity: users' departments, groups overage, proactive installation. */
  directory?: GraphDirectory;
  /** On behalf of a signed-in tab user. */
  onBehalfOf?: OnBehalfOfDirectory;
  /** Why Graph is off although GRAPH_ENABLED=true (for a log line at start). */
  disabledReason?: string;
  /** Why the directory works but proactive installation is off (for a log line at start). */
  installDisabledReason?: string;
}

/** The bot registration's secret or certificate; a managed identity has neither (no Graph here). */
const credentialOf = (bot: Config['bot']): AppCredential | undefined => {
  if (bot.appType === 'UserAssignedMSI') return undefined;
  if (bot.appPassword) return { clientSecret: bot.appPassword };
  if (bot.certificateThumbprint && bot.certificatePrivateKey)
    return {
      certificate: { thumbprint: bot.certificateThumbprint, privateKey: bot.certificatePrivateKey },
    };
  return undefined;
};

/**
 * Graph with GRAPH_ENABLED=true and the bot's app id, credential and tenant (one app registration
 * serves the bot, the tab's SSO and Graph). `fetch` replaces the network edge in tests only.
 */
export const createGraphServices = (
  config: Config,
  options: { fetch?: typeof fetch } = {},
): GraphServices => {
  if (!config.graph.enabled) return {};
  const credential = credentialOf(config.bot);
  const clientId = config.auth.clientId;
  if (!clientId || !credential)
    return {
      disabledReason:
        'GRAPH_ENABLED=true needs BOT_APP_ID and SECRET_BOT_APP_PASSWORD (or BOT_CERT_THUMBPRINT with SECRET_BOT_CERT_PRIVATE_KEY)',
    };
  const connection = (tenantId: string): GraphConnection => ({
    tenantId,
    clientId,
    credential,
    authorityHost: config.graph.authorityHost,
    baseUrl: config.graph.baseUrl,
    fetch: options.fetch,
  });
  const services: GraphServices = {};
  if (config.bot.tenantId) {
    services.directory = createGraphDirectory({
      ...connection(config.bot.tenantId),
      catalogAppId: config.teamsAppPublishedId,
      turnTimeoutMs: config.graph.turnTimeoutMs,
    });
    if (!config.teamsAppPublishedId)
      services.installDisabledReason =
        'TEAMS_APP_PUBLISHED_APP_ID is not set: stamps to people without the app wait until they install it';
  }
  // The exchange happens in the tenant that issued the tab's token.
  if (config.auth.tenantId) services.onBehalfOf = createOnBehalfOfDirectory(connection(config.auth.tenantId));
  if (!services.directory && !services.onBehalfOf)
    services.disabledReason = 'GRAPH_ENABLED=true needs BOT_TENANT_ID (or AUTH_TENANT_ID)';
  return services;
};
