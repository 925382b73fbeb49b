import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProposalBulkHandlingRequestSchema,
  ProposalBulkStatusRequestSchema,
  ProposalBulkStatusResultDtoSchema,
  ProposalDtoSchema,
  ProposalEditRequestSchema,
  ProposalLinkRequestSchema,
  ProposalMergeRequestSchema,
  ProposalMergeResultDtoSchema,
  ProposalTriageRequestSchema,
  ProposalWithdrawRequestSchema,
} from '#shared';
import { editProposalContent } from '../../services/proposals/edit-proposal';
import { mergeProposals } from '../../services/proposals/merge-proposals';
import { linkProposalToProject, unlinkProposalFromProject } from '../../services/proposals/project-links';
import { bulkChangeStatus, triageProposal } from '../../services/proposals/triage-proposal';
import { withdrawProposal } from '../../services/proposals/withdraw-proposal';
import { requireActor } from '../auth-context';
import type { ProposalsRoutesOptions } from './proposals-routes';

const IdParamsSchema = z.object({ id: z.string() });
const ProjectLinkParamsSchema = z.object({ id: z.string(), projectId: z.string() });

/** The office's triage (one and in bulk), the proposer's correction and withdrawal. */
export const proposalChangeRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (
  app,
  { db, effects },
) => {
  app.post(
    '/api/proposals/bulk-status',
    {
      schema: { body: ProposalBulkStatusRequestSchema, response: { 200: ProposalBulkStatusResultDtoSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      const { items, comment, ...changes } = request.body;
      return bulkChangeStatus(db, { actor, items, changes, comment: comment ?? null }, effects);
    },
  );

  app.post(
    '/api/proposals/bulk-handling',
    {
      schema: {
        body: ProposalBulkHandlingRequestSchema,
        response: { 200: ProposalBulkStatusResultDtoSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { items, comment, ...changes } = request.body;
      return bulkChangeStatus(db, { actor, items, changes, comment: comment ?? null }, effects);
    },
  );

  app.patch(
    '/api/proposals/:id',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalTriageRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { version, comment, signAnswer, ...changes } = request.body;
      const { proposal } = await triageProposal(
        db,
        {
          actor,
          proposalId: request.params.id,
          expectedVersion: version,
          changes,
          comment: comment ?? null,
          signAnswer: signAnswer ?? false,
        },
        effects,
      );
      return proposal;
    },
  );

  app.post(
    '/api/proposals/:id/withdraw',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalWithdrawRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) => {
      const { proposal } = await withdrawProposal(
        db,
        {
          actor: requireActor(request),
          proposalId: request.params.id,
          expectedVersion: request.body.version,
          comment: request.body.comment ?? null,
        },
        effects,
      );
      return proposal;
    },
  );

  app.patch(
    '/api/proposals/:id/content',
    {
      schema: {
        params: IdParamsSchema,
        // Parsed by the service (the card sends the same fields): the route only types the body.
        body: ProposalEditRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) => {
      const { proposal } = await editProposalContent(db, {
        actor: requireActor(request),
        proposalId: request.params.id,
        input: request.body,
      });
      return proposal;
    },
  );

  await app.register(proposalRelationRoutes, { db, effects });
};

/** Merging a duplicate into another proposal; linking to and unlinking from 重点案件. */
const proposalRelationRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (
  app,
  { db, effects },
) => {
  app.post(
    '/api/proposals/:id/merge',
    {
      schema: {
        params: IdParamsSchema,
        body: ProposalMergeRequestSchema,
        response: { 200: ProposalMergeResultDtoSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { proposal, into } = await mergeProposals(
        db,
        {
          actor,
          proposalId: request.params.id,
          expectedVersion: request.body.version,
          intoId: request.body.intoId,
          comment: request.body.comment ?? null,
        },
        effects,
      );
      return { proposal, into };
    },
  );

  app.put(
    '/api/proposals/:id/projects/:projectId',
    {
      schema: {
        params: ProjectLinkParamsSchema,
        body: ProposalLinkRequestSchema,
        response: { 200: ProposalDtoSchema },
      },
    },
    async (request) => {
      const { proposal } = await linkProposalToProject(
        db,
        {
          actor: requireActor(request),
          proposalId: request.params.id,
          projectId: request.params.projectId,
          comment: request.body?.comment ?? null,
        },
        effects,
      );
      return proposal;
    },
  );

  app.delete(
    '/api/proposals/:id/projects/:projectId',
    { schema: { params: ProjectLinkParamsSchema, response: { 200: ProposalDtoSchema } } },
    async (request) => {
      const { proposal } = await unlinkProposalFromProject(
        db,
        {
          actor: requireActor(request),
          proposalId: request.params.id,
          projectId: request.params.projectId,
        },
        effects,
      );
      return proposal;
    },
  );
};
