import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProposalDtoSchema,
  ProposalHistoryDtoSchema,
  ProposalListQuerySchema,
  ProposalPageDtoSchema,
  ProposalQueueCountsDtoSchema,
} from '#shared';
import { getProposal, getProposalHistory, listProposals } from '../../services/proposals/proposal-reads';
import { countProposalQueues } from '../../services/proposals/proposal-queues';
import { requireActor } from '../auth-context';
import type { ProposalsRoutesOptions } from './proposals-routes';

const IdParamsSchema = z.object({ id: z.string() });

/** Reading proposals: the list (filters, search, page), one proposal, its history. */
export const proposalReadRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (app, { db }) => {
  app.get(
    '/api/proposals',
    { schema: { querystring: ProposalListQuerySchema, response: { 200: ProposalPageDtoSchema } } },
    async (request) => {
      const { sort, direction, page, pageSize, ...filter } = request.query;
      return listProposals(db, requireActor(request), filter, { sort, direction, page, pageSize });
    },
  );

  app.get(
    '/api/proposals/queues',
    { schema: { response: { 200: ProposalQueueCountsDtoSchema } } },
    async (request) => countProposalQueues(db, requireActor(request)),
  );

  app.get(
    '/api/proposals/:id',
    { schema: { params: IdParamsSchema, response: { 200: ProposalDtoSchema } } },
    async (request) => getProposal(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/proposals/:id/history',
    { schema: { params: IdParamsSchema, response: { 200: ProposalHistoryDtoSchema } } },
    async (request) => ({
      items: await getProposalHistory(db, requireActor(request), request.params.id),
    }),
  );
};
