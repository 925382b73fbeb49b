import type { FastifyInstance } from 'fastify';
import type { BotConfig } from '../config';
import type { MessageSender } from '../notifications/message-sender';
import type { CredentialsFactory } from './bot-authentication';
import { registerMessagesRoute } from './fastify-bridge';
import { createCloudAdapter, createTurnLogic, type TeamsLogger, type TurnHandler } from './teams-bot';
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
}

export const createTeamsRuntime = (bot: BotConfig, options: TeamsRuntimeOptions = {}): TeamsRuntime => {
  const adapter = createCloudAdapter(bot, options);
  return {
    registerRoute: (app, handler) => registerMessagesRoute(app, { adapter, logic: createTurnLogic(handler) }),
    sender: createTeamsMessageSender(adapter, bot.appId ?? ''),
  };
};
