import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
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
  searchTerms,
  tokyoDate,
  type Actor,
  type ProposalExportParams,
} from '#shared';
import type { Database } from '../../data/database';
import { generateProposalsCsv, type ProposalExportFilter } from '../../services/csv-export-service';
import { importProposalsCsv } from '../../services/csv-import-service';
import { csvLimits } from '../../services/csv/proposal-csv-format';
import {
  bulkChangeStatus,
  getProposal,
  getProposalHistory,
  linkProposalToProject,
  listProposals,
  mergeProposals,
  triageProposal,
  unlinkProposalFromProject,
  withdrawProposal,
  type ProposalEffects,
} from '../../services/proposal-service';
import { requireActor, requireRole } from '../auth-context';

export interface ProposalsRoutesOptions {
  db: Database;
  /** Notifications to proposers (and the links their cards carry); without it, changes notify nobody. */
  effects?: ProposalEffects | undefined;
}

const IdParamsSchema = z.object({ id: z.string() });
const ProjectLinkParamsSchema = z.object({ id: z.string(), projectId: z.string() });

/** The export's filter from the list's query; `mine` means the exporting user's own proposals. */
const exportFilterOf = (query: ProposalExportParams, actor: Actor): ProposalExportFilter => ({
  ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
  ...(query.status?.length ? { statuses: query.status } : {}),
  ...(query.category ? { category: query.category } : {}),
  ...(query.proposerDivisionId ? { proposerDivisionId: query.proposerDivisionId } : {}),
  ...(query.responsibleDivisionId ? { responsibleDivisionId: query.responsibleDivisionId } : {}),
  ...(query.priorityProjectId ? { priorityProjectId: query.priorityProjectId } : {}),
  ...(query.mine ? { proposerId: actor.userId } : {}),
  ...(query.q ? { terms: searchTerms(query.q) } : {}),
});

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
  // CSV uploads arrive as the file's bytes; decoding (UTF-8 / Shift_JIS) is the import service's job.
  app.addContentTypeParser(
    ['text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: csvLimits.maxBytes + 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/proposals',
    { schema: { querystring: ProposalListQuerySchema, response: { 200: ProposalPageDtoSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { sort, direction, page, pageSize, status, mine, ...filter } = request.query;
      return listProposals(
        db,
        actor,
        {
          ...filter,
          ...(status?.length ? { statuses: status } : {}),
          ...(mine ? { proposerId: actor.userId } : {}),
        },
        { sort, direction, page, pageSize },
      );
    },
  );

  app.get(
    '/api/proposals/export.csv',
    { schema: { querystring: ProposalExportQuerySchema } },
    async (request, reply) => {
      const actor = requireRole(request, 'office');
      const stream = Readable.from(generateProposalsCsv(db, exportFilterOf(request.query, actor)));
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

  app.post(
    '/api/proposals/import',
    {
      schema: { querystring: ProposalImportQuerySchema, response: { 200: ProposalImportResultDtoSchema } },
      bodyLimit: csvLimits.maxBytes + 64 * 1024,
    },
    async (request) => {
      const actor = requireRole(request, 'office');
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('VALIDATION', {
          message: 'CSV import without a CSV body',
          userMessage: 'CSV ファイルを送ってください（Content-Type: text/csv）。',
        });
      }
      const dryRun = request.query.dryRun;
      const result = await importProposalsCsv(db, { actor, content: request.body, dryRun });
      return { dryRun, ...result };
    },
  );

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
      const actor = requireActor(request);
      // Withdrawal rights are the proposer's; someone who cannot even see the proposal gets 404.
      await getProposal(db, actor, request.params.id);
      const { proposal } = await withdrawProposal(db, {
        actor,
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
