import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../data/database';
import { getActiveStampKinds, getDivisionChoices } from '../../services/catalog/catalog';
import { requireActor } from '../auth-context';

/** Reference data for the tab's filters and forms: GET /api/divisions, GET /api/stamp-kinds. */
export const catalogRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get('/api/divisions', async (request) => {
    requireActor(request);
    const choices = await getDivisionChoices(db);
    return { items: choices.map((choice) => ({ id: choice.value, name: choice.label })) };
  });

  app.get('/api/stamp-kinds', async (request) => {
    requireActor(request);
    return { items: await getActiveStampKinds(db) };
  });
};
