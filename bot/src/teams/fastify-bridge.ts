import type { CloudAdapter, Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '#shared';
import { requestLoggerKey } from './teams-bot';

/**
 * The one file that knows both Fastify and botbuilder: hands `POST /api/messages` to
 * `CloudAdapter.process`, which verifies the Bot Framework token and runs the turn.
 */
export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
}

interface BufferedResponse extends BotResponse {
  readonly result: { ended: boolean; status: number; body: unknown; headers: Record<string, string> };
}

/** botbuilder calls status/header/send/end; Fastify's reply has no `end`, so collect and answer afterwards. */
const bufferedResponse = (request: FastifyRequest): BufferedResponse => {
  const result = {
    ended: false,
    status: 200,
    body: undefined as unknown,
    headers: {} as Record<string, string>,
  };
  return {
    socket: request.raw.socket,
    result,
    status: (code: number) => {
      result.status = code;
    },
    header: (name: string, value: unknown) => {
      result.headers[name] = String(value);
    },
    send: (body: unknown) => {
      result.body = body;
    },
    end: () => {
      result.ended = true;
    },
  };
};

const firstLine = (body: unknown) => (typeof body === 'string' ? body.split('\n')[0] : undefined);

/**
 * botbuilder answers failures with its error message as a plain-text body: 401 for a rejected token
 * (our authentication maps forged signatures there too), 400 for a malformed activity, 500 for a turn
 * that failed outside onTurnError. Those become the app's JSON errors, with no SDK text. Anything else
 * (invoke responses from the turn, 501 for an unhandled invoke, empty 200s) passes through.
 */
const appErrorFor = (status: number, body: unknown): AppError | undefined => {
  if (status === 401)
    return new AppError('UNAUTHENTICATED', { message: `Bot request rejected: ${firstLine(body)}` });
  if (typeof body !== 'string') return undefined;
  if (status >= 500)
    return new AppError('INTERNAL', { message: 'Bot turn failed', cause: new Error(firstLine(body)) });
  if (status >= 400) return new AppError('VALIDATION', { message: `Bad bot request: ${firstLine(body)}` });
  return undefined;
};

const toBotRequest = (request: FastifyRequest): BotRequest => ({
  body: request.body as Record<string, unknown> | undefined,
  headers: request.headers,
  method: request.method,
});

export const registerMessagesRoute = async (
  app: FastifyInstance,
  { adapter, logic }: MessagesRouteOptions,
) => {
  app.post(
    '/api/messages',
    // Every Teams user's traffic arrives from a few Bot Framework addresses: a per-IP limit would throttle
    // the whole tenant. The endpoint is guarded by token validation instead.
    { config: { rateLimit: false } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const response = bufferedResponse(request);
      await adapter.process(toBotRequest(request), response, async (context) => {
        context.turnState.set(requestLoggerKey, request.log);
        await logic(context);
      });
      const { ended, status, body, headers } = response.result;
      if (!ended) throw new AppError('INTERNAL', { message: 'Bot adapter did not answer' });
      const error = appErrorFor(status, body);
      if (error) throw error;
      reply.headers(headers).code(status);
      return body === undefined ? reply.send() : reply.send(body);
    },
  );
};
