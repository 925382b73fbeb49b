import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { OutgoingMessage } from '../notifications/outgoing-message';
import type { MessageSender, SendResult } from '../notifications/message-sender';
import { toBotActivity } from './teams-bot';

/**
 * Proactive sends into stored conversations, classified for the notification worker. The SDK's HTTP
 * pipeline would otherwise retry 429 and 5xx itself (up to 3 times, honouring Retry-After): the
 * worker owns retries and pacing, so those hidden retries are switched off for these calls.
 */
const defaultRetryAfterMs = 1000;

interface HttpErrorShape {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

/** Retry-After in seconds or as an HTTP date; 1 s when absent or unreadable. */
export const parseRetryAfter = (value: string | undefined, now = Date.now()): number => {
  if (!value) return defaultRetryAfterMs;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? defaultRetryAfterMs : Math.max(0, date - now);
};

const reasonOf = (error: HttpErrorShape) =>
  [error.code, error.message?.split('\n')[0]].filter(Boolean).join(': ');

/**
 * botframework-connector throws @azure/core-rest-pipeline's RestError: `statusCode` and `response.headers`
 * for HTTP answers, `code` (REQUEST_SEND_ERROR, ECONNREFUSED…) and no status for network failures.
 */
export const classifySendError = (error: unknown): SendResult => {
  const err = (error ?? {}) as HttpErrorShape;
  const status = err.statusCode ?? err.response?.status;
  if (typeof status !== 'number') {
    // Network failures, and anything else without an HTTP answer (e.g. fetching the bot's own Entra
    // token): transient until proven otherwise; the worker caps the attempts.
    return { outcome: 'failed', retryable: true, status: null, reason: reasonOf(err) || 'unknown error' };
  }
  if (status === 429)
    return {
      outcome: 'throttled',
      retryAfterMs: parseRetryAfter(err.response?.headers?.get?.('retry-after')),
    };
  if (status === 403) return { outcome: 'blocked', status };
  if (status === 404) return { outcome: 'not_found', status };
  const retryable = status >= 500 || status === 408 || status === 412;
  return { outcome: 'failed', retryable, status, reason: reasonOf(err) || `HTTP ${status}` };
};

const isUsableReference = (reference: Record<string, unknown>): boolean => {
  const conversation = reference.conversation as { id?: unknown } | undefined;
  return typeof reference.serviceUrl === 'string' && typeof conversation?.id === 'string';
};

/**
 * Keep-alive connections for proactive sends that are closed after 4 s idle. The SDK's own agents
 * keep idle sockets forever, so after a pause (pacing, a 429's Retry-After) a send could go out on a
 * socket the server was closing that very moment (its idle timeout, Node's default 5 s): a reset,
 * and a send whose outcome is unknown. Closing ours first means a reused socket is never a closed one.
 */
const idleSocketMs = 4_000;
const agents = {
  http: new HttpAgent({ keepAlive: true, timeout: idleSocketMs }),
  https: new HttpsAgent({ keepAlive: true, timeout: idleSocketMs }),
};

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(
      request: { url: string; agent?: unknown },
      next: (request: unknown) => Promise<unknown>,
    ): Promise<unknown>;
  }): void;
}

/**
 * Adapts this turn's connector client for proactive sends: no SDK retries (see the note at the top)
 * and the agents above.
 */
const forProactiveSends = (adapter: CloudAdapter, context: TurnContext): void => {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as
    { client?: { pipeline?: PipelineLike } } | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy({
    name: 'idleClosingAgent',
    sendRequest: (request, next) => {
      request.agent ??= request.url.startsWith('https:') ? agents.https : agents.http;
      return next(request);
    },
  });
};

export const createTeamsMessageSender = (adapter: CloudAdapter, appId: string): MessageSender => ({
  async send(reference: Record<string, unknown>, message: OutgoingMessage): Promise<SendResult> {
    if (!isUsableReference(reference)) {
      return { outcome: 'failed', retryable: false, status: null, reason: 'invalid conversation reference' };
    }
    let result: SendResult | undefined;
    try {
      await adapter.continueConversationAsync(
        appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          forProactiveSends(adapter, context);
          try {
            const response = await context.sendActivity(toBotActivity(message));
            result = { outcome: 'sent', activityId: response?.id ?? null };
          } catch (error) {
            // Caught here, not in onTurnError (which would apologise to the recipient).
            result = classifySendError(error);
          }
        },
      );
    } catch (error) {
      result = classifySendError(error);
    }
    return result ?? { outcome: 'failed', retryable: true, status: null, reason: 'send did not run' };
  },
});
