import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CopyPriorityProjectsResultDtoSchema,
  CopyPriorityProjectsSchema,
  FiscalYearQuerySchema,
  PriorityProjectCreateSchema,
  PriorityProjectDetailDtoSchema,
  PriorityProjectDtoSchema,
  PriorityProjectIdParamsSchema,
  PriorityProjectListDtoSchema,
  PriorityProjectUpdateSchema,
  ProgressUpdateSchema,
} from '#shared';
import {
  copyProjectsToFiscalYear,
  createPriorityProject,
  getPriorityProject,
  listPriorityProjects,
  postProgressUpdate,
  updatePriorityProject,
} from '../../services/priority-projects/priority-projects';
import { requireActor } from '../auth-context';
import type { Database } from '../../data/database';
import type { Notifier } from '../../notifications/notification-port';

/**
 * 重点案件: everyone reads; the promotion office creates, edits, reports progress and copies a year's
 * set to the next. The services check the roles and re-validate the bodies.
 */
export const priorityProjectsRoutes: FastifyPluginAsyncZod<{
  db: Database;
  now?: () => Date;
  /** Tells the followers of the linked proposals of a progress report; absent: nobody is told. */
  effects?: Notifier | undefined;
}> = async (app, { db, now = () => new Date(), effects }) => {
  app.get(
    '/api/priority-projects',
    { schema: { querystring: FiscalYearQuerySchema, response: { 200: PriorityProjectListDtoSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return listPriorityProjects(db, actor, { fiscalYear: request.query.fiscalYear, now: now() });
    },
  );

  app.get(
    '/api/priority-projects/:id',
    { schema: { params: PriorityProjectIdParamsSchema, response: { 200: PriorityProjectDetailDtoSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return getPriorityProject(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/priority-projects',
    { schema: { body: PriorityProjectCreateSchema, response: { 201: PriorityProjectDtoSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const project = await createPriorityProject(db, actor, request.body);
      return reply.status(201).send(project);
    },
  );

  app.patch(
    '/api/priority-projects/:id',
    {
      schema: {
        params: PriorityProjectIdParamsSchema,
        body: PriorityProjectUpdateSchema,
        response: { 200: PriorityProjectDtoSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return updatePriorityProject(db, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/priority-projects/:id/progress-updates',
    {
      schema: {
        params: PriorityProjectIdParamsSchema,
        body: ProgressUpdateSchema,
        response: { 201: PriorityProjectDetailDtoSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const project = await postProgressUpdate(db, actor, request.params.id, request.body, effects);
      return reply.status(201).send(project);
    },
  );

  app.post(
    '/api/priority-projects/copy',
    { schema: { body: CopyPriorityProjectsSchema, response: { 200: CopyPriorityProjectsResultDtoSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return copyProjectsToFiscalYear(db, actor, request.body.fromFiscalYear, request.body.toFiscalYear);
    },
  );
};
