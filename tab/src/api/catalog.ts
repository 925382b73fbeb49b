import type { ProposalCategoryDto } from '#shared/master-data';
import type { DivisionRefDto } from '#shared/proposal';
import type { StampKind } from '#shared/stamp-kind';
import type { FiscalYearListDto, ItemsDto } from '#shared/tab-api';
import type { ApiClient } from './api-client';

/** `GET /api/divisions`: the divisions (課) for filters and forms. */
export const listDivisions = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ItemsDto<DivisionRefDto>>('/api/divisions', { signal });

/** `GET /api/stamp-kinds`: the active stamp kinds, in their order. */
export const listStampKinds = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ItemsDto<StampKind>>('/api/stamp-kinds', { signal });

/** `GET /api/fiscal-years`: the years a picker offers (with data, and the current one). */
export const listFiscalYears = (api: ApiClient, signal?: AbortSignal) =>
  api.get<FiscalYearListDto>('/api/fiscal-years', { signal });

/** `GET /api/categories`: every category (retired ones marked), in the office's order. */
export const listCategories = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ItemsDto<ProposalCategoryDto>>('/api/categories', { signal });
