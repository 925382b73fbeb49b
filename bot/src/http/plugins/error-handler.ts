import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError, type ApiErrorBody, type ErrorCode } from '#shared';
import { isDatabaseUnavailable } from '../../data/errors';

/** The HTTP mapping of error codes, the only one. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  REASON_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  // The tab answers it with Teams' consent popup (authentication.authenticate) and retries.
  CONSENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Fastify's own client errors (bad JSON, wrong content type, too large…) as AppErrors. */
const fromFastifyError = (error: FastifyError): AppError | undefined => {
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', { message: error.message });
  if (status === 429) return new AppError('RATE_LIMITED', { message: error.message });
  if (status === 404) return new AppError('NOT_FOUND', { message: error.message });
  if (status === 415) {
    return new AppError('VALIDATION', {
      message: error.message,
      userMessage: 'リクエストの形式（Content-Type）が正しくありません。',
    });
  }
  if (status >= 400 && status < 500) {
    return new AppError('VALIDATION', {
      message: error.message,
      userMessage: 'リクエストの形式が正しくありません。',
    });
  }
  return undefined;
};

export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? '値が正しくありません。',
    }));
    return new AppError('VALIDATION', { message: error.message, details });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('UNAVAILABLE', { message: 'Database unavailable', cause: error });
  }
  const fastifyError = error as FastifyError;
  if (typeof fastifyError?.statusCode === 'number') {
    const mapped = fromFastifyError(fastifyError);
    if (mapped) return mapped;
  }
  return new AppError('INTERNAL', { message: 'Unexpected error', cause: error });
};

/**
 * Every error leaves as `{ error: { code, message (Japanese), details?, requestId } }`. 5xx bodies
 * never carry the cause; logs get the code and message, not SQL parameters or request bodies.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf[appError.code];
    if (status >= 500) {
      const cause = appError.cause as { name?: string; code?: string; message?: string } | undefined;
      request.log.error(
        {
          code: appError.code,
          cause: cause && { name: cause.name, code: cause.code, message: cause.message?.split('\n')[0] },
          stack: (cause as Error | undefined)?.stack?.split('\n').slice(1, 6).join('\n'),
        },
        appError.message,
      );
    } else {
      request.log.info({ code: appError.code }, appError.message);
    }
    const body: ApiErrorBody = {
      error: {
        code: appError.code,
        message: appError.userMessage,
        ...(appError.details.length > 0 ? { details: appError.details } : {}),
        requestId: String(request.id),
      },
    };
    if (appError.code === 'RATE_LIMITED' && !reply.getHeader('retry-after'))
      reply.header('retry-after', '60');
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = {
      error: {
        code: 'NOT_FOUND',
        message: 'ページまたは API が見つかりません。',
        requestId: String(request.id),
      },
    };
    return reply.status(404).send(body);
  });
});

/**
 * The router's own refusals (a path segment that is not valid percent-encoding, or longer than
 * Fastify's limit) come before any hook or error handler. Given as Fastify's `frameworkErrors`, this
 * answers them like every other error: the JSON body with a Japanese message, the URL not echoed.
 */
export const frameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  request.log.info({ code: error.code }, 'request refused by the router');
  const internal = (error.statusCode ?? 500) >= 500;
  const body: ApiErrorBody = {
    error: {
      code: internal ? 'INTERNAL' : 'VALIDATION',
      message: internal ? new AppError('INTERNAL').userMessage : 'URL の形式が正しくないか、長すぎます。',
      requestId: String(request.id),
    },
  };
  void reply
    .header('x-request-id', request.id)
    .status(internal ? 500 : 400)
    .send(body);
};
