import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FiscalYearQuerySchema } from '#shared';
import { getDashboard } from '../../services/dashboard-service';
import { requireActor } from '../auth-context';
import type { Database } from '../../data/database';

/** GET /api/dashboard?fiscalYear=2024: the published progress page, for every signed-in member of staff. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get('/api/dashboard', { schema: { querystring: FiscalYearQuerySchema } }, async (request) => {
    const actor = requireActor(request);
    return getDashboard(db, actor, { fiscalYear: request.query.fiscalYear });
  });
};
