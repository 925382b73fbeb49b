import { listCategories, listDivisions, listFiscalYears } from '../api/catalog';
import { listPriorityProjects } from '../api/projects';
import { useApiQuery } from './useApiQuery';

/** The divisions (課) for filters and the responsible-division choice. */
export const useDivisions = () => useApiQuery(['divisions'], (api, signal) => listDivisions(api, signal));

/** A division's name by id, for lists of ids (a division no longer listed gets a placeholder). */
export const useDivisionName = (): ((id: string) => string) => {
  const divisions = useDivisions();
  return (id) => divisions.data?.items.find((division) => division.id === id)?.name ?? '（名称不明の課）';
};

/** The priority projects (重点案件) of one fiscal year, grouped by theme. */
export const usePriorityProjects = (fiscalYear: number | null) =>
  useApiQuery(fiscalYear === null ? null : ['priority-projects', fiscalYear], (api, signal) =>
    listPriorityProjects(api, fiscalYear ?? undefined, signal),
  );

/** The fiscal years with data and the current one (the server's clock). */
export const useFiscalYears = () =>
  useApiQuery(['fiscal-years'], (api, signal) => listFiscalYears(api, signal));

/** The proposal categories (分類), retired ones included, for filters and labels. */
export const useCategories = () => useApiQuery(['categories'], (api, signal) => listCategories(api, signal));
