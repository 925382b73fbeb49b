import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DivisionListDtoSchema, FiscalYearListDtoSchema, StampKindListDtoSchema } from '#shared';
import type { Database } from '../../data/database';
import { getActiveStampKinds, getDivisionChoices, getFiscalYears } from '../../services/catalog/catalog';
import { requireActor } from '../auth-context';

/**
 * Reference data for the tab's filters and forms: GET /api/divisions, GET /api/stamp-kinds,
 * GET /api/fiscal-years.
 */
export const catalogRoutes: FastifyPluginAsyncZod<{ db: Database; now?: () => Date }> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/api/fiscal-years',
    { schema: { response: { 200: FiscalYearListDtoSchema } } },
    async (request) => {
      requireActor(request);
      return getFiscalYears(db, now());
    },
  );

  app.get('/api/divisions', { schema: { response: { 200: DivisionListDtoSchema } } }, async (request) => {
    requireActor(request);
    const choices = await getDivisionChoices(db);
    return { items: choices.map((choice) => ({ id: choice.value, name: choice.label })) };
  });

  app.get('/api/stamp-kinds', { schema: { response: { 200: StampKindListDtoSchema } } }, async (request) => {
    requireActor(request);
    return { items: await getActiveStampKinds(db) };
  });
};
