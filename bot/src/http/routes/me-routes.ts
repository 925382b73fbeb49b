import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../data/database';
import { getCurrentUser } from '../../services/identity-service';
import { requireActor } from '../auth-context';

/** GET /api/me: the signed-in user, the roles in effect and their division. */
export const meRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get('/api/me', async (request) => getCurrentUser(db, requireActor(request)));
};
