import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CategoryCreateSchema,
  CategoryUpdateSchema,
  MasterDataChangeListDtoSchema,
  MasterDataChangesQuerySchema,
  MasterDataCodeParamsSchema,
  MasterDataOrderSchema,
  ProposalCategoryDtoSchema,
  ProposalCategoryListDtoSchema,
  StampKindAdminListDtoSchema,
  StampKindCreateSchema,
  StampKindDtoSchema,
  StampKindUpdateSchema,
} from '#shared';
import type { Database } from '../../data/database';
import {
  changeCategory,
  changeStampKind,
  createCategory,
  createStampKind,
  listCategories,
  listMasterDataChanges,
  listStampKindsForManagers,
  reorderCategories,
  reorderStampKinds,
} from '../../services/master-data/master-data';
import { requireActor } from '../auth-context';

/**
 * 分類・スタンプ: everyone reads the categories (GET /api/categories, retired ones marked); the
 * office and admins manage both lists under /api/master-data (the service checks the role).
 */
export const masterDataRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/categories',
    { schema: { response: { 200: ProposalCategoryListDtoSchema } } },
    async (request) => {
      requireActor(request);
      return { items: await listCategories(db) };
    },
  );

  const categories = '/api/master-data/categories';
  app.post(
    categories,
    { schema: { body: CategoryCreateSchema, response: { 201: ProposalCategoryDtoSchema } } },
    async (request, reply) =>
      reply.status(201).send(await createCategory(db, requireActor(request), request.body)),
  );
  app.patch(
    `${categories}/:code`,
    {
      schema: {
        params: MasterDataCodeParamsSchema,
        body: CategoryUpdateSchema,
        response: { 200: ProposalCategoryDtoSchema },
      },
    },
    async (request) => changeCategory(db, requireActor(request), request.params.code, request.body),
  );
  app.put(
    `${categories}/order`,
    { schema: { body: MasterDataOrderSchema, response: { 200: ProposalCategoryListDtoSchema } } },
    async (request) => ({ items: await reorderCategories(db, requireActor(request), request.body) }),
  );

  const stampKinds = '/api/master-data/stamp-kinds';
  app.get(stampKinds, { schema: { response: { 200: StampKindAdminListDtoSchema } } }, async (request) => ({
    items: await listStampKindsForManagers(db, requireActor(request)),
  }));
  app.post(
    stampKinds,
    { schema: { body: StampKindCreateSchema, response: { 201: StampKindDtoSchema } } },
    async (request, reply) =>
      reply.status(201).send(await createStampKind(db, requireActor(request), request.body)),
  );
  app.patch(
    `${stampKinds}/:code`,
    {
      schema: {
        params: MasterDataCodeParamsSchema,
        body: StampKindUpdateSchema,
        response: { 200: StampKindDtoSchema },
      },
    },
    async (request) => changeStampKind(db, requireActor(request), request.params.code, request.body),
  );
  app.put(
    `${stampKinds}/order`,
    { schema: { body: MasterDataOrderSchema, response: { 200: StampKindAdminListDtoSchema } } },
    async (request) => ({ items: await reorderStampKinds(db, requireActor(request), request.body) }),
  );

  app.get(
    '/api/master-data/changes',
    {
      schema: { querystring: MasterDataChangesQuerySchema, response: { 200: MasterDataChangeListDtoSchema } },
    },
    async (request) => ({
      items: await listMasterDataChanges(db, requireActor(request), request.query.entity),
    }),
  );
};
