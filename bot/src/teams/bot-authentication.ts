import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  MicrosoftAppCredentials,
  ServiceClientCredentialsFactory,
  TokenCredentials,
  type AuthenticateRequestResult,
  type ServiceClientCredentials,
} from 'botframework-connector';
import type { BotConfig } from '../config';

/** Creates the credentials for calls to the Bot Connector; injectable so tests never reach Entra. */
export type CredentialsFactory = ServiceClientCredentialsFactory;

const publicAzureCallerId = 'urn:botframework:azure';

/**
 * botbuilder's settings for this bot. Without an app id: local mode (unsigned activities accepted,
 * replies unauthenticated); config.ts refuses that in production.
 *
 * With an OpenID metadata or issuer override (sovereign clouds, offline tests) every `ToBotFrom…` and
 * `ToChannelFrom…` value is given: botbuilder switches to a fully parameterised configuration as soon
 * as one is set, and a missing one rejects every token with "No valid identity".
 */
export const botAuthenticationOptions = (bot: BotConfig): ConfigurationBotFrameworkAuthenticationOptions => {
  if (!bot.appId) return { MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' };

  const hasCertificate = Boolean(bot.certificateThumbprint && bot.certificatePrivateKey);
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppType: bot.appType,
    ...(bot.tenantId ? { MicrosoftAppTenantId: bot.tenantId } : {}),
    ...(bot.appType !== 'UserAssignedMSI' && !hasCertificate && bot.appPassword
      ? { MicrosoftAppPassword: bot.appPassword }
      : {}),
    ...(bot.appType !== 'UserAssignedMSI' && hasCertificate
      ? {
          CertificateThumbprint: bot.certificateThumbprint!,
          CertificatePrivateKey: bot.certificatePrivateKey!,
        }
      : {}),
  };
  if (!bot.openIdMetadataUrl && !bot.tokenIssuer) return options;

  return {
    ...options,
    ToBotFromChannelOpenIdMetadataUrl:
      bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: publicAzureCallerId,
    ValidateAuthority: true,
  };
};

/** Errors thrown by the JWT library while verifying a token (bad signature, `alg: none`, malformed…). */
const isTokenError = (error: unknown): boolean =>
  error instanceof Error && ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(error.name);

/**
 * Every rejected token becomes an AuthenticationError (HTTP 401). botbuilder lets the JWT library's
 * own errors through, so a forged signature would otherwise answer 500 (and Teams would retry).
 * Conversely, failing to load the signing keys is our outage, not the caller's fault: 500, not 401.
 */
const asAuthenticationFailure = (error: unknown): unknown => {
  if (error instanceof AuthenticationError) {
    return error.statusCode >= 500 ? new Error(`Bot token validation unavailable: ${error.message}`) : error;
  }
  if (isTokenError(error)) return new AuthenticationError(`Unauthorized. ${(error as Error).message}`, 401);
  return error;
};

export class TeamsBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asAuthenticationFailure(error);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asAuthenticationFailure(error);
    }
  }
}

export const createBotAuthentication = (
  bot: BotConfig,
  options: { credentialsFactory?: CredentialsFactory } = {},
): TeamsBotAuthentication =>
  new TeamsBotAuthentication(botAuthenticationOptions(bot), options.credentialsFactory);

/**
 * Signs every Bot Connector call with a fixed bearer token instead of one fetched from Entra ID: for
 * offline tests and local connector stubs only (there is no Entra in the test environment).
 */
export class FixedTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly token: string,
  ) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return !this.appId;
  }

  async createCredentials(): Promise<ServiceClientCredentials> {
    return this.appId ? new TokenCredentials(this.token) : MicrosoftAppCredentials.Empty;
  }
}
