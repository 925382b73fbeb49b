import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ProposalExportQuerySchema,
  ProposalImportQuerySchema,
  ProposalImportResultDtoSchema,
  tokyoDate,
} from '#shared';
import { exportProposalsCsvFor } from '../../services/csv/export-proposals';
import { importProposalsCsv } from '../../services/csv/import-proposals';
import { csvLimits } from '../../services/csv/proposal-csv-format';
import { requireActor } from '../auth-context';
import type { ProposalsRoutesOptions } from './proposals-routes';

/** `attachment` with an ASCII fallback and the Japanese name in RFC 5987 form. */
export const contentDisposition = (asciiName: string, name: string): string =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const todayInTokyo = (): string => {
  const { year, month, day } = tokyoDate(new Date());
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
};

/** The office's CSV export (streamed) and import (all-or-nothing, a dry run by default). */
export const proposalCsvRoutes: FastifyPluginAsyncZod<ProposalsRoutesOptions> = async (app, { db }) => {
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
};
