import type { z } from 'zod';
import type {
  CopyPriorityProjectsResultDto,
  CopyPriorityProjectsSchema,
  PriorityProjectCreateSchema,
  PriorityProjectDetailDto,
  PriorityProjectDto,
  PriorityProjectListDto,
  PriorityProjectUpdateSchema,
  ProgressUpdateSchema,
} from '#shared/priority-project';
import type { ApiClient } from './api-client';

/** `/api/priority-projects…` (重点案件): one function per endpoint, types from #shared's schemas. */

export type PriorityProjectCreate = z.input<typeof PriorityProjectCreateSchema>;
export type PriorityProjectUpdate = z.input<typeof PriorityProjectUpdateSchema>;
export type ProgressReport = z.input<typeof ProgressUpdateSchema>;
export type PriorityProjectsCopy = z.input<typeof CopyPriorityProjectsSchema>;

const projectPath = (id: string) => `/api/priority-projects/${encodeURIComponent(id)}`;

/** `GET /api/priority-projects?fiscalYear=`: a year's projects by theme (absent year = the current). */
export const listPriorityProjects = (api: ApiClient, fiscalYear: number | undefined, signal?: AbortSignal) =>
  api.get<PriorityProjectListDto>('/api/priority-projects', { query: { fiscalYear }, signal });

/** `GET /api/priority-projects/:id`: with its progress reports and linked proposals. */
export const getPriorityProject = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<PriorityProjectDetailDto>(projectPath(id), { signal });

/** `POST /api/priority-projects` (office). */
export const createPriorityProject = (api: ApiClient, body: PriorityProjectCreate) =>
  api.post<PriorityProjectDto>('/api/priority-projects', { body });

/** `PATCH /api/priority-projects/:id` (office), with the version the editor saw. */
export const updatePriorityProject = (api: ApiClient, id: string, body: PriorityProjectUpdate) =>
  api.patch<PriorityProjectDto>(projectPath(id), { body });

/** `POST /api/priority-projects/:id/progress-updates`: answers with the project's new detail. */
export const postProgressUpdate = (api: ApiClient, id: string, body: ProgressReport) =>
  api.post<PriorityProjectDetailDto>(`${projectPath(id)}/progress-updates`, { body });

/** `POST /api/priority-projects/copy`: a year's set copied to another year. */
export const copyPriorityProjects = (api: ApiClient, body: PriorityProjectsCopy) =>
  api.post<CopyPriorityProjectsResultDto>('/api/priority-projects/copy', { body });
