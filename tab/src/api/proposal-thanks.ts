import type { ProposalThanksDto, SubjectStampKpiDto } from '#shared/proposal-thanks';
import type { ApiClient } from './api-client';

/** `GET /api/proposals/:id/thanks`: the stamps the proposal led to (「この提案について」). */
export const getProposalThanks = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ProposalThanksDto>(`/api/proposals/${encodeURIComponent(id)}/thanks`, { signal });

/** `GET /api/dashboard/stamps?about=subject`: the stamp KPIs of stamps about a proposal or a 重点案件. */
export const getSubjectStampKpis = (
  api: ApiClient,
  query: { fiscalYear: number; divisionId?: string | undefined },
  signal?: AbortSignal,
) =>
  api.get<SubjectStampKpiDto>('/api/dashboard/stamps', {
    query: { fiscalYear: query.fiscalYear, divisionId: query.divisionId, about: 'subject' },
    signal,
  });
