import type { CollectionDto } from '#shared/collection';
import type { ApiClient, Download } from './api-client';

/** `/api/collection/…` (提案集, the office's): one function per endpoint. */

/** `GET /api/collection/:fiscalYear`: the cover and the published proposals of a year, for printing. */
export const getCollection = (api: ApiClient, fiscalYear: number, signal?: AbortSignal) =>
  api.get<CollectionDto>(`/api/collection/${fiscalYear}`, { signal });

/** `GET /api/collection/:fiscalYear.xlsx`: the same as an Excel workbook (職員提案集_R6.xlsx). */
export const downloadCollectionWorkbook = (api: ApiClient, fiscalYear: number): Promise<Download> =>
  api.download(`/api/collection/${fiscalYear}.xlsx`);
