import type { z } from 'zod';
import type { DashboardDto, DashboardQuerySchema } from '#shared/dashboard';
import type { ApiClient, QueryValue } from './api-client';

/** The dashboard's query string: a fiscal year and, for a division's channel tab, its division. */
export type DashboardQuery = Partial<Record<keyof z.input<typeof DashboardQuerySchema>, QueryValue>>;

/** `GET /api/dashboard`: the published progress figures of a fiscal year. */
export const getDashboard = (api: ApiClient, query: DashboardQuery, signal?: AbortSignal) =>
  api.get<DashboardDto>('/api/dashboard', { query, signal });
