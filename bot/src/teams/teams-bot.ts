import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { adaptiveCardContentType, type AdaptiveCard } from '../cards/adaptive-card';
import type {
  IncomingActivity,
  MessageExtensionResponse,
  OutgoingMessage,
  TurnOutcome,
} from '../conversation/activity';
import { toIncomingActivity } from './activity-mapper';
import type { TeamsBotAuthentication } from './bot-authentication';

/** The conversation logic as the adapter sees it: SDK-free in, SDK-free out. */
export type TurnHandler = (activity: IncomingActivity) => Promise<TurnOutcome>;

/** The slice of pino the adapter uses (Fastify's request.log fits). */
export interface TeamsLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** turnState key under which the HTTP bridge leaves the request's logger (log lines keep the request id). */
export const requestLoggerKey = Symbol('teams.requestLogger');

export const apologyText = '申し訳ありません。エラーが発生しました。しばらくしてからもう一度お試しください。';

const cardActionDoneText = '受け付けました。';

export const toBotActivity = (message: OutgoingMessage): Partial<Activity> => ({
  type: ActivityTypes.Message,
  ...(message.text ? { text: message.text } : {}),
  ...(message.summary ? { summary: message.summary } : {}),
  ...(message.card ? { attachments: [{ contentType: adaptiveCardContentType, content: message.card }] } : {}),
});

const invokeResponse = (status: number, body: unknown): Partial<Activity> => ({
  type: ActivityTypes.InvokeResponse,
  value: { status, body },
});

/** Universal Actions' answer: replace the card in place, or just acknowledge. */
const cardActionResponse = (card: AdaptiveCard | undefined) =>
  card
    ? { statusCode: 200, type: adaptiveCardContentType, value: card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: cardActionDoneText };

const adaptiveCardAttachment = (card: AdaptiveCard) => ({
  contentType: adaptiveCardContentType,
  content: card,
});

/** The message extension's answer as Teams reads it (task/… for dialogs, composeExtension for results). */
export const messageExtensionBody = (response: MessageExtensionResponse | undefined): object => {
  switch (response?.type) {
    case 'dialog':
      return {
        task: {
          type: 'continue',
          value: { title: response.title, width: 'medium', card: adaptiveCardAttachment(response.card) },
        },
      };
    case 'message':
      return { task: { type: 'message', value: response.text } };
    case 'results':
      return {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: response.items.map((item) => ({
            ...adaptiveCardAttachment(item.card),
            preview: {
              contentType: 'application/vnd.microsoft.card.thumbnail',
              content: { title: item.preview.title, text: item.preview.text },
            },
          })),
        },
      };
    case 'notice':
      return { composeExtension: { type: 'message', text: response.text } };
    default:
      return {};
  }
};

/** A message turn that takes longer than this shows Teams' typing indicator until the answer. */
export const defaultTypingDelayMs = 300;

/**
 * Runs `work`; if it is still running after `delayMs`, sends a `typing` activity (Teams shows "…"
 * until the next message). The indicator is sent before the replies, never after them.
 */
const withTypingIndicator = async <T>(
  context: TurnContext,
  work: () => Promise<T>,
  delayMs: number,
): Promise<T> => {
  let typing: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    typing = context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
  }, delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    await typing;
  }
};

/** Turns answered with messages in the chat: the ones a typing indicator is for (not invokes). */
const answersWithMessages = (incoming: IncomingActivity) =>
  incoming.kind === 'message' || incoming.kind === 'submit';

export interface TurnLogicOptions {
  /** After how long a message turn shows the typing indicator (default `defaultTypingDelayMs`). */
  typingDelayMs?: number;
}

/** One turn: map the activity, run the handler, answer the invoke, post the replies. */
export const createTurnLogic =
  (handler: TurnHandler, options: TurnLogicOptions = {}) =>
  async (context: TurnContext): Promise<void> => {
    const incoming = await toIncomingActivity(context);
    if (!incoming) return;
    const outcome = answersWithMessages(incoming)
      ? await withTypingIndicator(
          context,
          () => handler(incoming),
          options.typingDelayMs ?? defaultTypingDelayMs,
        )
      : await handler(incoming);
    if (incoming.kind === 'cardAction') {
      await context.sendActivity(invokeResponse(200, cardActionResponse(outcome.cardResponse)));
    }
    if (incoming.kind === 'messageExtension') {
      await context.sendActivity(invokeResponse(200, messageExtensionBody(outcome.messageExtension)));
    }
    if (outcome.replies.length > 0) await context.sendActivities(outcome.replies.map(toBotActivity));
  };

/**
 * Name, code and location only: messages of foreign errors may carry data, request bodies never go to logs.
 * The cause's name, code and first line too: a failed query's error (Drizzle's) names the statement, its
 * cause says why (a pool timeout, a lock timeout, a deadlock).
 */
const describeError = (error: unknown) => {
  const err = error as {
    name?: string;
    code?: unknown;
    statusCode?: unknown;
    message?: string;
    stack?: string;
    cause?: { name?: string; code?: unknown; message?: string };
  };
  return {
    name: err?.name,
    code: err?.code,
    statusCode: err?.statusCode,
    message: err?.message?.split('\n')[0],
    stack: err?.stack?.split('\n').slice(1, 6).join('\n'),
    ...(err?.cause && typeof err.cause === 'object'
      ? { cause: { name: err.cause.name, code: err.cause.code, message: err.cause.message?.split('\n')[0] } }
      : {}),
  };
};

/**
 * The adapter's last resort: logs what failed (ids and error type, no personal data) and apologises
 * in Japanese without details. An invoke gets a 500 with the same message; proactive turns
 * (ContinueConversation) are left to their caller.
 */
export const createTurnErrorHandler =
  (fallbackLogger: TeamsLogger) =>
  async (context: TurnContext, error: unknown): Promise<void> => {
    const activity = context.activity;
    const logger = (context.turnState.get(requestLoggerKey) as TeamsLogger | undefined) ?? fallbackLogger;
    logger.error(
      {
        err: describeError(error),
        activity: { type: activity.type, name: activity.name, id: activity.id },
        conversationType: activity.conversation?.conversationType,
      },
      'bot turn failed',
    );
    if (activity.type === ActivityTypes.Event && activity.name === 'ContinueConversation') return;
    try {
      if (activity.type === ActivityTypes.Invoke) {
        await context.sendActivity(
          invokeResponse(500, {
            statusCode: 500,
            type: 'application/vnd.microsoft.error',
            value: { code: 'InternalServerError', message: apologyText },
          }),
        );
      } else {
        await context.sendActivity({ type: ActivityTypes.Message, text: apologyText });
      }
    } catch (sendError) {
      logger.warn({ err: describeError(sendError) }, 'could not send the apology');
    }
  };

const consoleLogger: TeamsLogger = {
  info: (details, message) => console.info(message, details),
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};

export interface CloudAdapterOptions {
  /** For turn errors outside an HTTP request; inside one the request's logger is used. */
  logger?: TeamsLogger;
}

/** botbuilder's adapter, with the turn of an already verified request open to the HTTP bridge. */
export class TeamsCloudAdapter extends CloudAdapter {
  runVerifiedTurn(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

export const createCloudAdapter = (
  authentication: TeamsBotAuthentication,
  options: CloudAdapterOptions = {},
): TeamsCloudAdapter => {
  const adapter = new TeamsCloudAdapter(authentication);
  adapter.onTurnError = createTurnErrorHandler(options.logger ?? consoleLogger);
  return adapter;
};
