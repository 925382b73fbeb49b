import type { PriorityProjectListDto } from '#shared/priority-project';
import type { DivisionRefDto } from '#shared/proposal';
import type { ItemsDto } from '#shared/tab-api';
import { useApiQuery } from './useApiQuery';

/** The divisions (課) for filters and the responsible-division choice. */
export const useDivisions = () =>
  useApiQuery(['divisions'], (api, signal) =>
    api.get<ItemsDto<DivisionRefDto>>('/api/divisions', { signal }),
  );

/** The priority projects (重点案件) of one fiscal year, grouped by theme. */
export const usePriorityProjects = (fiscalYear: number | null) =>
  useApiQuery(fiscalYear === null ? null : ['priority-projects', fiscalYear], (api, signal) =>
    api.get<PriorityProjectListDto>('/api/priority-projects', { query: { fiscalYear }, signal }),
  );
