import type { FastifyRequest } from 'fastify';
import { AppError, hasRole, type Actor, type Role } from '#shared';

/** The signed-in person behind a tab API request, set by the auth plugin. */
export interface AuthenticatedActor extends Actor {
  aadObjectId: string;
  displayName: string;
  /** The roles this request's token grants (Entra app roles, office groups); absent = none. */
  grantedRoles?: readonly Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: AuthenticatedActor;
    /** The verified Teams SSO token (Entra), for on-behalf-of calls; absent with the demo sign-in. */
    ssoToken?: string;
  }
}

/** Routes call this first; the services then check what this actor may do. */
export const requireActor = (request: FastifyRequest): AuthenticatedActor => {
  if (!request.actor)
    throw new AppError('UNAUTHENTICATED', { message: 'No authenticated actor on the request' });
  return request.actor;
};

/** For routes whose whole purpose belongs to a role (e.g. the CSV export); services check the rest. */
export const requireRole = (request: FastifyRequest, role: Role): AuthenticatedActor => {
  const actor = requireActor(request);
  if (!hasRole(actor, role)) throw new AppError('FORBIDDEN', { message: `Requires the ${role} role` });
  return actor;
};
