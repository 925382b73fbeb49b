import type {
  DepartmentMappingListDto,
  DepartmentMappingUpdateRequest,
  DepartmentMappingUpdateResultDto,
  DirectorySyncResultDto,
  DivisionCreateRequest,
  DivisionMergeRequest,
  DivisionMergeResultDto,
  DivisionUpdateRequest,
  OrgChangeEntity,
  OrgChangeListDto,
  OrgDivisionDto,
  OrgDivisionListDto,
  OrgImportResultDto,
  StaffPageDto,
  UserDivisionUpdateRequest,
  UserDivisionUpdateResultDto,
} from '#shared/organisation';
import type { ApiClient } from './api-client';

/** `/api/org/…` (組織と職員: the office reads, admins change): one function per endpoint. */

export const listOrgDivisions = (api: ApiClient, signal?: AbortSignal) =>
  api.get<OrgDivisionListDto>('/api/org/divisions', { signal });

export const createDivision = (api: ApiClient, body: DivisionCreateRequest) =>
  api.post<OrgDivisionDto>('/api/org/divisions', { body });

export const updateDivision = (api: ApiClient, id: string, body: DivisionUpdateRequest) =>
  api.patch<OrgDivisionDto>(`/api/org/divisions/${encodeURIComponent(id)}`, { body });

export const mergeDivision = (api: ApiClient, id: string, body: DivisionMergeRequest) =>
  api.post<DivisionMergeResultDto>(`/api/org/divisions/${encodeURIComponent(id)}/merge`, { body });

/** `GET /api/org/changes`: the audit trail of one kind of master data, newest first. */
export const listOrgChanges = (
  api: ApiClient,
  query: { entity: OrgChangeEntity; key?: string; limit?: number },
  signal?: AbortSignal,
) => api.get<OrgChangeListDto>('/api/org/changes', { query, signal });

/** `GET /api/org/divisions/export.csv`: the organisation as the import reads it. */
export const exportOrgCsv = (api: ApiClient) => api.download('/api/org/divisions/export.csv');

/** `POST /api/org/divisions/import`: a dry run unless `dryRun: false`. */
export const importOrgCsv = (api: ApiClient, file: Blob, dryRun: boolean) =>
  api.upload<OrgImportResultDto>('/api/org/divisions/import', file, {
    query: { dryRun: dryRun ? 'true' : 'false' },
  });

export type StaffListQuery = {
  q?: string;
  divisionId?: string;
  filter?: string;
  page?: number;
  pageSize?: number;
};

/** `GET /api/org/users`: people with their 所属 and roles, searched and paged. */
export const listStaff = (api: ApiClient, query: StaffListQuery, signal?: AbortSignal) =>
  api.get<StaffPageDto>('/api/org/users', { query, signal });

/** `PUT /api/org/users/:id/division`: the person's 所属 from an effective date. */
export const setUserDivision = (api: ApiClient, userId: string, body: UserDivisionUpdateRequest) =>
  api.put<UserDivisionUpdateResultDto>(`/api/org/users/${encodeURIComponent(userId)}/division`, { body });

/** `GET /api/org/department-mappings`: Entra department names (review list first) and the last sync. */
export const listDepartmentMappings = (api: ApiClient, signal?: AbortSignal) =>
  api.get<DepartmentMappingListDto>('/api/org/department-mappings', { signal });

export const setDepartmentMapping = (api: ApiClient, id: string, body: DepartmentMappingUpdateRequest) =>
  api.put<DepartmentMappingUpdateResultDto>(`/api/org/department-mappings/${encodeURIComponent(id)}`, {
    body,
  });

/** `POST /api/org/directory-sync`: a round of the directory sync now. */
export const runDirectorySync = (api: ApiClient) =>
  api.post<DirectorySyncResultDto>('/api/org/directory-sync');
