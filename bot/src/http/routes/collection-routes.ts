import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CollectionParamsSchema, fiscalYearShortLabel } from '#shared';
import type { Database } from '../../data/database';
import { writeCollectionWorkbook } from '../../services/collection/collection-workbook';
import { collectionJson, openCollection } from '../../services/collection/proposal-collection';
import { requireActor } from '../auth-context';
import { contentDisposition } from './proposal-csv-routes';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 提案集 (the office's yearly collection): `GET /api/collection/2024.xlsx` is the Excel workbook,
 * `GET /api/collection/2024` the same data as JSON for the print page. Both are streamed; the office
 * check, the year's validation and the cover's queries happen before the first byte, so a refusal is
 * an ordinary error answer.
 */
export const collectionRoutes: FastifyPluginAsyncZod<{ db: Database; now?: () => Date }> = async (
  app,
  { db, now = () => new Date() },
) => {
  app.get(
    '/api/collection/:fiscalYear.xlsx',
    { schema: { params: CollectionParamsSchema } },
    async (request, reply) => {
      const { fiscalYear } = request.params;
      const collection = await openCollection(db, requireActor(request), fiscalYear, { now: now() });
      const body = new PassThrough();
      writeCollectionWorkbook(collection, body).catch((error: unknown) => {
        request.log.error({ err: error }, 'collection workbook failed');
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      const short = fiscalYearShortLabel(fiscalYear);
      return reply
        .header('content-type', xlsxType)
        .header(
          'content-disposition',
          contentDisposition(`collection-${fiscalYear}.xlsx`, `職員提案集_${short}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/api/collection/:fiscalYear',
    // Streamed (collectionJson), so not serialised through a response schema: its shape is
    // CollectionDtoSchema, which the integration test parses the answer with.
    { schema: { params: CollectionParamsSchema } },
    async (request, reply) => {
      const { fiscalYear } = request.params;
      const collection = await openCollection(db, requireActor(request), fiscalYear, { now: now() });
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(Readable.from(collectionJson(collection)));
    },
  );
};
