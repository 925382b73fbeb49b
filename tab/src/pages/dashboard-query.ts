import type { ApiClient } from '../api/api-client';
import { getDashboard } from '../api/dashboard';

const parseYear = (value: string | null): number | undefined =>
  value && /^\d{4}$/.test(value) ? Number(value) : undefined;

/**
 * The dashboard's API query for the page's URL (`?fiscalYear=2024`, a division's channel tab adds
 * `&division=<id>`): one definition for the page and for the route that asks for it early.
 */
export const dashboardQuery = (params: URLSearchParams) => {
  const fiscalYear = parseYear(params.get('fiscalYear'));
  const divisionId = params.get('division') || undefined;
  return {
    fiscalYear,
    key: ['dashboard', fiscalYear ?? null, divisionId ?? null],
    load: (api: ApiClient, signal: AbortSignal) => getDashboard(api, { fiscalYear, divisionId }, signal),
  };
};
