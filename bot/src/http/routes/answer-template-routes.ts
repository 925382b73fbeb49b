import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerTemplateCreateSchema,
  AnswerTemplateDtoSchema,
  AnswerTemplateListDtoSchema,
  AnswerTemplateListQuerySchema,
  AnswerTemplateUpdateSchema,
} from '#shared';
import type { Database } from '../../data/database';
import {
  changeAnswerTemplate,
  createAnswerTemplate,
  listAnswerTemplates,
} from '../../services/answer-templates/answer-templates';
import { requireActor } from '../auth-context';

const IdParamsSchema = z.object({ id: z.string() });

/** 定型回答: the office lists, adds, edits and retires its answer templates. */
export const answerTemplateRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/answer-templates',
    {
      schema: { querystring: AnswerTemplateListQuerySchema, response: { 200: AnswerTemplateListDtoSchema } },
    },
    async (request) => listAnswerTemplates(db, requireActor(request), request.query),
  );

  app.post(
    '/api/answer-templates',
    { schema: { body: AnswerTemplateCreateSchema, response: { 200: AnswerTemplateDtoSchema } } },
    async (request) => createAnswerTemplate(db, requireActor(request), request.body),
  );

  app.patch(
    '/api/answer-templates/:id',
    {
      schema: {
        params: IdParamsSchema,
        body: AnswerTemplateUpdateSchema,
        response: { 200: AnswerTemplateDtoSchema },
      },
    },
    async (request) => changeAnswerTemplate(db, requireActor(request), request.params.id, request.body),
  );
};
