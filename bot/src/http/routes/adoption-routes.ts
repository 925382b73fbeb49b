import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdoptionDashboardDtoSchema,
  AdoptionDashboardQuerySchema,
  AdoptionRequestSchema,
  ProposalAdoptionsDtoSchema,
  ProposalThanksDtoSchema,
  SubjectStampKpiDtoSchema,
  SubjectStampQuerySchema,
} from '#shared';
import type { Database } from '../../data/database';
import type { Notifier } from '../../notifications/notification-port';
import {
  getProposalAdoptions,
  recordAdoption,
  removeAdoption,
} from '../../services/adoptions/proposal-adoptions';
import { getAdoptionDashboard } from '../../services/dashboard/dashboard-adoptions';
import { getSubjectStampKpis } from '../../services/dashboard/dashboard-stamp-subjects';
import { getProposalThanks } from '../../services/stamps/proposal-thanks';
import { requireActor } from '../auth-context';

const IdParamsSchema = z.object({ id: z.string() });
const DivisionParamsSchema = z.object({ id: z.string(), divisionId: z.string() });

export interface AdoptionRoutesOptions {
  db: Database;
  effects?: Notifier | undefined;
  now?: () => Date;
}

/**
 * Closing the loop on a proposal: 横展開 (which divisions adopted a realised proposal or consider it,
 * each division's record, the dashboard's counts) and the thanks (stamps) it led to. Thin: the services hold the rules (adoption-access.ts, visibility).
 */
export const adoptionRoutes: FastifyPluginAsyncZod<AdoptionRoutesOptions> = async (
  app,
  { db, effects, now = () => new Date() },
) => {
  app.get(
    '/api/proposals/:id/adoptions',
    { schema: { params: IdParamsSchema, response: { 200: ProposalAdoptionsDtoSchema } } },
    async (request) => getProposalAdoptions(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/proposals/:id/adoptions/:divisionId',
    {
      schema: {
        params: DivisionParamsSchema,
        body: AdoptionRequestSchema,
        response: { 200: ProposalAdoptionsDtoSchema },
      },
    },
    async (request) =>
      recordAdoption(
        db,
        {
          actor: requireActor(request),
          proposalId: request.params.id,
          divisionId: request.params.divisionId,
          request: request.body,
          now: now(),
        },
        effects,
      ),
  );

  app.delete(
    '/api/proposals/:id/adoptions/:divisionId',
    { schema: { params: DivisionParamsSchema, response: { 200: ProposalAdoptionsDtoSchema } } },
    async (request) =>
      removeAdoption(db, requireActor(request), request.params.id, request.params.divisionId),
  );

  // The thanks a proposal led to: stamps that refer to it (「この提案について」).
  app.get(
    '/api/proposals/:id/thanks',
    { schema: { params: IdParamsSchema, response: { 200: ProposalThanksDtoSchema } } },
    async (request) => getProposalThanks(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/dashboard/adoptions',
    { schema: { querystring: AdoptionDashboardQuerySchema, response: { 200: AdoptionDashboardDtoSchema } } },
    async (request) => getAdoptionDashboard(db, requireActor(request), request.query, now()),
  );

  app.get(
    '/api/dashboard/stamps',
    { schema: { querystring: SubjectStampQuerySchema, response: { 200: SubjectStampKpiDtoSchema } } },
    async (request) => {
      requireActor(request);
      return getSubjectStampKpis(db, request.query, now());
    },
  );
};
