import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DepartmentMappingListDtoSchema,
  DepartmentMappingUpdateResultDtoSchema,
  DirectorySyncResultDtoSchema,
  DivisionMergeResultDtoSchema,
  OrgChangeListDtoSchema,
  OrgChangeListQuerySchema,
  OrgDivisionDtoSchema,
  OrgDivisionListDtoSchema,
  OrgIdParamsSchema,
  OrgImportQuerySchema,
  OrgImportResultDtoSchema,
  StaffListQuerySchema,
  StaffPageDtoSchema,
  UserDivisionUpdateResultDtoSchema,
} from '#shared';
import type { Database } from '../../data/database';
import {
  changeDivision,
  createDivision,
  listOrganisation,
  mergeDivision,
} from '../../services/organisation/divisions-admin';
import { csvLimits } from '../../services/csv/proposal-csv-format';
import { exportOrganisationCsv, importOrganisationCsv } from '../../services/organisation/org-csv-import';
import type { DirectoryDeltaSource } from '../../services/organisation/directory-sync';
import {
  listDepartmentMappings,
  setDepartmentMapping,
  startDirectorySync,
} from '../../services/organisation/mappings-admin';
import { listOrgChanges } from '../../services/organisation/org-changes';
import { listStaff, setUserDivision } from '../../services/organisation/staff-admin';
import { requireRole } from '../auth-context';
import { contentDisposition, todayInTokyo } from './proposal-csv-routes';

/**
 * 組織と職員: the office reads, admins change (checked before validation here, and again in the
 * services, which parse the bodies with the shared schemas).
 */
export interface OrgRoutesOptions {
  db: Database;
  /** The directory's delta query, when Microsoft Graph is configured. */
  directory?: DirectoryDeltaSource | undefined;
}

export const orgRoutes: FastifyPluginAsyncZod<OrgRoutesOptions> = async (app, { db, directory }) => {
  app.addHook('preValidation', async (request) => {
    requireRole(request, request.method === 'GET' ? 'office' : 'admin');
  });

  app.get(
    '/api/org/divisions',
    { schema: { response: { 200: OrgDivisionListDtoSchema } } },
    async (request) => listOrganisation(db, requireRole(request, 'office')),
  );

  app.post(
    '/api/org/divisions',
    { schema: { response: { 201: OrgDivisionDtoSchema } } },
    async (request, reply) => {
      const division = await createDivision(db, requireRole(request, 'admin'), request.body);
      return reply.code(201).send(division);
    },
  );

  app.patch(
    '/api/org/divisions/:id',
    { schema: { params: OrgIdParamsSchema, response: { 200: OrgDivisionDtoSchema } } },
    async (request) => changeDivision(db, requireRole(request, 'admin'), request.params.id, request.body),
  );

  app.post(
    '/api/org/divisions/:id/merge',
    { schema: { params: OrgIdParamsSchema, response: { 200: DivisionMergeResultDtoSchema } } },
    async (request) => mergeDivision(db, requireRole(request, 'admin'), request.params.id, request.body),
  );

  app.get('/api/org/divisions/export.csv', async (request, reply) => {
    const csv = await exportOrganisationCsv(db, requireRole(request, 'office'));
    const date = todayInTokyo();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`organisation-${date}.csv`, `組織_${date}.csv`))
      .header('cache-control', 'no-store')
      .send(csv);
  });

  // The file's bytes (UTF-8 or Shift_JIS), in a scope of its own, as the proposal import takes them.
  await app.register(async (csvScope: typeof app) => {
    csvScope.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: csvLimits.maxBytes + 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    csvScope.post(
      '/api/org/divisions/import',
      {
        schema: { querystring: OrgImportQuerySchema, response: { 200: OrgImportResultDtoSchema } },
        bodyLimit: csvLimits.maxBytes + 64 * 1024,
      },
      async (request) =>
        importOrganisationCsv(
          db,
          requireRole(request, 'admin'),
          request.body as Buffer,
          request.query.dryRun,
        ),
    );
  });

  app.get(
    '/api/org/users',
    { schema: { querystring: StaffListQuerySchema, response: { 200: StaffPageDtoSchema } } },
    async (request) => listStaff(db, requireRole(request, 'office'), request.query),
  );

  app.put(
    '/api/org/users/:id/division',
    { schema: { params: OrgIdParamsSchema, response: { 200: UserDivisionUpdateResultDtoSchema } } },
    async (request) => setUserDivision(db, requireRole(request, 'admin'), request.params.id, request.body),
  );

  app.get(
    '/api/org/department-mappings',
    { schema: { response: { 200: DepartmentMappingListDtoSchema } } },
    async (request) => listDepartmentMappings(db, requireRole(request, 'office'), directory !== undefined),
  );

  app.put(
    '/api/org/department-mappings/:id',
    { schema: { params: OrgIdParamsSchema, response: { 200: DepartmentMappingUpdateResultDtoSchema } } },
    async (request) =>
      setDepartmentMapping(db, requireRole(request, 'admin'), request.params.id, request.body),
  );

  app.post(
    '/api/org/directory-sync',
    { schema: { response: { 200: DirectorySyncResultDtoSchema } } },
    async (request) => startDirectorySync(db, requireRole(request, 'admin'), directory),
  );

  app.get(
    '/api/org/changes',
    { schema: { querystring: OrgChangeListQuerySchema, response: { 200: OrgChangeListDtoSchema } } },
    async (request) => listOrgChanges(db, requireRole(request, 'office'), request.query),
  );
};
