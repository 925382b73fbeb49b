import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DashboardDtoSchema, DashboardQuerySchema } from '#shared';
import { getDashboard } from '../../services/dashboard/get-dashboard';
import { requireActor } from '../auth-context';
import type { Database } from '../../data/database';

/**
 * GET /api/dashboard?fiscalYear=2024[&divisionId=…]: the published progress page, for every signed-in
 * member of staff; a division's channel tab asks for that division's figures.
 */
export const dashboardRoutes: FastifyPluginAsyncZod<{ db: Database; now?: () => Date }> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/api/dashboard',
    { schema: { querystring: DashboardQuerySchema, response: { 200: DashboardDtoSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return getDashboard(db, actor, {
        fiscalYear: request.query.fiscalYear,
        divisionId: request.query.divisionId,
        now: now(),
      });
    },
  );
};
