import type { FastifyInstance } from 'fastify';
import type { BotConfig } from '../config';
import type { MessageSender } from '../notifications/message-sender';
import { AuthenticationConstants } from 'botframework-connector';
import {
  createBotAuthentication,
  type CredentialsFactory,
  type TeamsBotAuthentication,
} from './bot-authentication';
import { registerMessagesRoute, type MessagesRouteOptions } from './fastify-bridge';
import {
  createCloudAdapter,
  createTurnLogic,
  type TeamsCloudAdapter,
  type TeamsLogger,
  type TurnHandler,
} from './teams-bot';
import { createTeamsMessageSender } from './teams-message-sender';

export type { TurnHandler, TeamsLogger };

/**
 * Everything Teams, behind two SDK-free seams: the HTTP endpoint that feeds a TurnHandler, and a
 * MessageSender for proactive messages. Both share one adapter, hence one set of credentials.
 */
export interface TeamsRuntime {
  /** Registers `POST /api/messages`, handing every verified activity to `handler`. */
  registerRoute(app: FastifyInstance, handler: TurnHandler): Promise<void>;
  sender: MessageSender;
}

export interface TeamsRuntimeOptions {
  /** Credentials for calls to the Bot Connector; tests inject fixed ones (no Entra offline). */
  credentialsFactory?: CredentialsFactory;
  /** For turn errors outside an HTTP request (inside one, the request's logger is used). */
  logger?: TeamsLogger;
  /** After how long a message turn shows the typing indicator (default 300 ms). */
  typingDelayMs?: number;
}

/** The bot endpoint's checks as configured, around any turn logic (the product's, or a bench's). */
export const messagesRouteOptions = (
  bot: BotConfig,
  adapter: TeamsCloudAdapter,
  authentication: TeamsBotAuthentication,
  logic: MessagesRouteOptions['logic'],
): MessagesRouteOptions => ({
  adapter,
  authentication,
  logic,
  token: bot.appId
    ? {
        appId: bot.appId,
        issuer: bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      }
    : undefined,
  // Local mode (no app id) is refused outside development and beyond loopback by config.ts.
  origin: {
    serviceUrlAllowlist: bot.serviceUrlAllowlist,
    allowedTenantIds: bot.allowedTenantIds,
    allowLoopback: !bot.appId,
  },
  authFailuresPerMinute: bot.authFailuresPerMinute,
});

export const createTeamsRuntime = (bot: BotConfig, options: TeamsRuntimeOptions = {}): TeamsRuntime => {
  const authentication = createBotAuthentication(bot, options);
  const adapter = createCloudAdapter(authentication, options);
  return {
    registerRoute: (app, handler) =>
      registerMessagesRoute(
        app,
        messagesRouteOptions(
          bot,
          adapter,
          authentication,
          createTurnLogic(handler, { typingDelayMs: options.typingDelayMs }),
        ),
      ),
    sender: createTeamsMessageSender(adapter, bot.appId ?? ''),
  };
};
