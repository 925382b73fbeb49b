import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CurrentUserDtoSchema } from '#shared';
import type { Database } from '../../data/database';
import { getCurrentUser } from '../../services/identity/sign-in';
import type { OnBehalfOfDirectory } from '../../services/identity/teams-contact';
import { requireActor } from '../auth-context';

export interface MeRoutesOptions {
  db: Database;
  /** Graph on the user's behalf (GRAPH_ENABLED); absent = users pick their division themselves. */
  onBehalfOf?: OnBehalfOfDirectory | undefined;
}

/** GET /api/me: the signed-in user, the roles in effect and their division. */
export const meRoutes: FastifyPluginAsyncZod<MeRoutesOptions> = async (app, { db, onBehalfOf }) => {
  app.get('/api/me', { schema: { response: { 200: CurrentUserDtoSchema } } }, async (request) => {
    const actor = requireActor(request);
    const { ssoToken } = request;
    return getCurrentUser(
      db,
      actor,
      onBehalfOf && ssoToken
        ? {
            getMyDepartment: () => onBehalfOf.getMyDepartment(ssoToken),
            onFailure: (error) =>
              request.log.warn(
                { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) },
                'Division from Graph (on behalf of the user) failed; going on without it',
              ),
          }
        : undefined,
    );
  });
};
