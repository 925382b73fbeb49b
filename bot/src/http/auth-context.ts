import type { FastifyRequest } from 'fastify';
import { AppError, type Actor } from '#shared';

/** The signed-in person behind a tab API request, set by the auth plugin. */
export interface AuthenticatedActor extends Actor {
  aadObjectId: string;
  displayName: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: AuthenticatedActor;
  }
}

/** Routes call this first; the services then check what this actor may do. */
export const requireActor = (request: FastifyRequest): AuthenticatedActor => {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', { message: 'No authenticated actor on the request' });
  return request.actor;
};
