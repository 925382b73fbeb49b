import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '#shared';
import { originProblem, type OriginRules } from './activity-origin';
import { createAuthFailureLimiter } from './auth-failure-limiter';
import type { TeamsBotAuthentication } from './bot-authentication';
import { precheckChannelToken, type ChannelTokenExpectation } from './channel-token';
import { withSdkConsoleTo } from './sdk-console';
import { requestLoggerKey, type TeamsCloudAdapter } from './teams-bot';

/**
 * The one file that knows both Fastify and botbuilder: `POST /api/messages`. In order, each step
 * cheaper than the next and nothing stored before the last:
 * 1. an address that failed authentication too often this minute is refused (429);
 * 2. the token must look like a Teams channel token (channel-token.ts), else 401 without the SDK;
 * 3. botbuilder verifies the signature, audience, issuer and endorsements (401 on failure);
 * 4. the activity must come from Teams, an allowlisted serviceUrl equal to the token's, and a served
 *    tenant (activity-origin.ts), else 403;
 * 5. the turn runs (CloudAdapter.processActivity) and its invoke response is the answer.
 * Every refusal is one log line with the request id, never a stack trace.
 */
export interface MessagesRouteOptions {
  adapter: TeamsCloudAdapter;
  authentication: TeamsBotAuthentication;
  logic: (context: TurnContext) => Promise<void>;
  /** Absent in local mode (no bot app id): no token is checked. */
  token: ChannelTokenExpectation | undefined;
  origin: OriginRules;
  authFailuresPerMinute: number;
}

/** Teams' largest activities (a card action with its card) are far below this. */
export const botBodyLimitBytes = 256 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What botbuilder's own `process` does to a body before the turn (timestamps as dates). */
const toActivity = (body: unknown): Activity => {
  if (!isRecord(body) || typeof body.type !== 'string' || body.type === '') {
    throw new AppError('VALIDATION', { message: 'Bot request without an activity type' });
  }
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    if (typeof activity[field] === 'string') {
      activity[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
};

const unauthenticated = (reason: string) =>
  new AppError('UNAUTHENTICATED', { message: `Bot request rejected: ${reason}` });

export const registerMessagesRoute = async (app: FastifyInstance, options: MessagesRouteOptions) => {
  const failures = createAuthFailureLimiter(options.authFailuresPerMinute);
  const refuse = (request: FastifyRequest, error: AppError): never => {
    failures.recordFailure(request.ip);
    request.log.warn({ reason: error.message }, 'bot request refused');
    throw error;
  };

  const authenticate = async (request: FastifyRequest, activity: Activity) => {
    const authorization = request.headers.authorization;
    const precheck = options.token ? precheckChannelToken(authorization, options.token) : undefined;
    if (precheck && !precheck.ok) return refuse(request, unauthenticated(precheck.reason));
    try {
      const result = await options.authentication.authenticateRequest(activity, authorization ?? '');
      return { result, tokenServiceUrl: precheck?.ok ? precheck.serviceUrl : undefined };
    } catch (error) {
      if (error instanceof AuthenticationError) return refuse(request, unauthenticated(error.message));
      throw error;
    }
  };

  app.post(
    '/api/messages',
    // Every Teams user's traffic arrives from a few Bot Framework addresses: a per-IP limit on all
    // requests would throttle the whole tenant. Failed authentications are limited per address instead.
    { config: { rateLimit: false }, bodyLimit: botBodyLimitBytes },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (failures.isBlocked(request.ip)) {
        throw new AppError('RATE_LIMITED', { message: 'Too many failed bot authentications' });
      }
      const activity = toActivity(request.body);
      const invokeResponse = await withSdkConsoleTo(request.log, async () => {
        const { result, tokenServiceUrl } = await authenticate(request, activity);
        const problem = originProblem(activity, options.origin, tokenServiceUrl);
        if (problem) {
          refuse(request, new AppError('FORBIDDEN', { message: `Bot activity refused: ${problem}` }));
        }
        return options.adapter.runVerifiedTurn(result, activity, async (context) => {
          context.turnState.set(requestLoggerKey, request.log);
          await options.logic(context);
        });
      });
      reply.code(invokeResponse?.status ?? 200);
      return invokeResponse?.body === undefined ? reply.send() : reply.send(invokeResponse.body);
    },
  );
};
