import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ProposalBulkStatusRequestSchema,
  ProposalBulkStatusResultDtoSchema,
  ProposalDtoSchema,
  ProposalExportQuerySchema,
  ProposalHistoryDtoSchema,
  ProposalImportQuerySchema,
  ProposalImportResultDtoSchema,
  ProposalLinkRequestSchema,
  ProposalListQuerySchema,
  ProposalMergeRequestSchema,
  ProposalMergeResultDtoSchema,
  ProposalPageDtoSchema,
  ProposalTriageRequestSchema,
  ProposalWithdrawRequestSchema,
  tokyoDate,
} from '#shared';
import type { Database } from '../../data/database';
import type { Notifier } from '../../notifications/notification-port';
import { exportProposalsCsvFor } from '../../services/csv/export-proposals';
import { importProposalsCsv } from '../../services/csv/import-proposals';
import { csvLimits } from '../../services/csv/proposal-csv-format';
import { mergeProposals } from '../../services/proposals/merge-proposals';
import { linkProposalToProject, unlinkProposalFromProject } from '../../services/proposals/project-links';
import { getProposal, getProposalHistory, listProposals } from '../../services/proposals/proposal-reads';
import { bulkChangeStatus, triageProposal } from '../../services/proposals/triage-proposal';
import { withdrawProposal } from '../../services/proposals/withdraw-proposal';
import { requireActor } from '../auth-context';

export interface ProposalsRoutesOptions {
  db: Database;
  /** Notifications to proposers (and the links their cards carry); without it, changes notify nobody. */
  effects?: Notifier | undefined;
}

const IdParamsSchema = z.object({ id: z.string() });
const ProjectLinkParamsSchema = z.object({ id: z.string(), projectId: z.string() });

/** `attachment` with an ASCII fallback and the Japanese name in RFC 5987 form. */
export const contentDisposition = (asciiName: string, name: string): string =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const todayInTokyo = (): string => {
  const { year, month, day } = tokyoDate(new Date());
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
};

/**
 * The tab's proposal API. Thin: each route validates with the shared schema, calls one service and
 * returns its result; the services hold the rules (visibility, triage rights, transitions, versions).
 */
export const proposalsRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (
  app,
  { db, effects },
) => {
  app.get(
    '/api/proposals',
    { schema: { querystring: ProposalListQuerySchema, response: { 200: ProposalPageDtoSchema } } },
    async (request) => {
      const { sort, direction, page, pageSize, ...filter } = request.query;
      return listProposals(db, requireActor(request), filter, { sort, direction, page, pageSize });
    },
  );

  app.get(
    '/api/proposals/export.csv',
    { schema: { querystring: ProposalExportQuerySchema } },
    async (request, reply) => {
      const stream = Readable.from(exportProposalsCsvFor(db, requireActor(request), request.query));
      const date = todayInTokyo();
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          contentDisposition(`proposals-${date}.csv`, `職員提案一覧_${date}.csv`),
        )
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  // CSV uploads arrive as the file's bytes, up to 5 MB, on this route only (its own scope):
  // decoding (UTF-8 / Shift_JIS) is the import service's job.
  await app.register(async (csvScope: typeof app) => {
    csvScope.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: csvLimits.maxBytes + 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    csvScope.post(
      '/api/proposals/import',
      {
        schema: { querystring: ProposalImportQuerySchema, response: { 200: ProposalImportResultDtoSchema } },
        bodyLimit: csvLimits.maxBytes + 64 * 1024,
      },
      async (request) => {
        const dryRun = request.query.dryRun;
        const result = await importProposalsCsv(db, {
          actor: requireActor(request),
          content: request.body,
          dryRun,
        });
        return { dryRun, ...result };
      },
    );
  });

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
      const { version, comment, ...changes } = request.body;
      const { proposal } = await triageProposal(
        db,
        { actor, proposalId: request.params.id, expectedVersion: version, changes, comment: comment ?? null },
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
      const { proposal } = await withdrawProposal(db, {
        actor: requireActor(request),
        proposalId: request.params.id,
        expectedVersion: request.body.version,
        comment: request.body.comment ?? null,
      });
      return proposal;
    },
  );

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
