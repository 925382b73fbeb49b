import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProposalDraftApproveRequestSchema,
  ProposalDraftRequestSchema,
  ProposalDraftResultDtoSchema,
  ProposalDtoSchema,
  ProposalHandlingRequestSchema,
  ProposalNoteRequestSchema,
} from '#shared';
import {
  addInternalNote,
  approveDraft,
  getAnswerDraft,
  saveDraft,
  setHandling,
} from '../../services/proposals/liaison-work';
import { requireActor } from '../auth-context';
import type { ProposalsRoutesOptions } from './proposals-routes';

const IdParamsSchema = z.object({ id: z.string() });

/**
 * The internal side of a proposal (the office and the 所管課's liaisons): internal notes, the draft of
 * the answer, and the office's approval of a draft (which alone tells the proposer).
 */
export const proposalLiaisonRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (
  app,
  { db, effects },
) => {
  app.post(
    '/api/proposals/:id/notes',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalNoteRequestSchema,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const note = await addInternalNote(db, requireActor(request), request.params.id, request.body);
      return reply.code(201).send(note);
    },
  );

  app.patch(
    '/api/proposals/:id/handling',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalHandlingRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) =>
      (await setHandling(db, requireActor(request), request.params.id, request.body)).proposal,
  );

  app.get(
    '/api/proposals/:id/draft',
    { schema: { params: IdParamsSchema, response: { 200: ProposalDraftResultDtoSchema } } },
    async (request) => getAnswerDraft(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/proposals/:id/draft',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalDraftRequestSchema,
        response: { 200: ProposalDraftResultDtoSchema },
      },
    },
    async (request) => saveDraft(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/draft/approve',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalDraftApproveRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) =>
      (await approveDraft(db, requireActor(request), request.params.id, request.body, effects)).proposal,
  );
};
