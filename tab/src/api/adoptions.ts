import type { AdoptionDashboardDto, AdoptionRequestBody, ProposalAdoptionsDto } from '#shared/adoption';
import type { ApiClient } from './api-client';

/** 横展開: the divisions that adopted a realised proposal, each division's record, the dashboard's counts. */
const path = (id: string) => `/api/proposals/${encodeURIComponent(id)}/adoptions`;

/** `GET /api/proposals/:id/adoptions`. */
export const getProposalAdoptions = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ProposalAdoptionsDto>(path(id), { signal });

/** `PUT /api/proposals/:id/adoptions/:divisionId`: records (or updates) the division's adoption. */
export const recordAdoption = (api: ApiClient, id: string, divisionId: string, body: AdoptionRequestBody) =>
  api.put<ProposalAdoptionsDto>(`${path(id)}/${encodeURIComponent(divisionId)}`, { body });

/** `DELETE /api/proposals/:id/adoptions/:divisionId`. */
export const removeAdoption = (api: ApiClient, id: string, divisionId: string) =>
  api.delete<ProposalAdoptionsDto>(`${path(id)}/${encodeURIComponent(divisionId)}`);

/** `GET /api/dashboard/adoptions?fiscalYear=…`: the fiscal year's 横展開. */
export const getAdoptionDashboard = (api: ApiClient, fiscalYear: number, signal?: AbortSignal) =>
  api.get<AdoptionDashboardDto>('/api/dashboard/adoptions', { query: { fiscalYear }, signal });
