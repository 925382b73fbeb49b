import type { z } from 'zod';
import type { ProposalDto } from '#shared/proposal';
import type { ProposalQueueCountsDto } from '#shared/proposal-queues';
import type {
  ProposalDraftApproveRequest,
  ProposalDraftRequest,
  ProposalBulkHandlingRequestSchema,
  ProposalBulkStatusRequestSchema,
  ProposalEditRequestSchema,
  ProposalExportQuerySchema,
  ProposalLinkRequestSchema,
  ProposalListQuerySchema,
  ProposalMergeRequestSchema,
  ProposalTriageRequestSchema,
  ProposalWithdrawRequestSchema,
} from '#shared/proposal-api';
import type {
  ProposalBulkStatusResultDto,
  ProposalDraftResultDto,
  ProposalHistoryDto,
  ProposalImportResultDto,
  ProposalMergeResultDto,
  ProposalPageDto,
} from '#shared/tab-api';
import type { ApiClient, Download, QueryValue } from './api-client';

/** `/api/proposals…`: one function per endpoint; request and response types from #shared's schemas. */

/** The list's query string: the keys of the server's query schema, values as a URL carries them. */
export type ProposalListQuery = Partial<Record<keyof z.input<typeof ProposalListQuerySchema>, QueryValue>>;
/** The CSV export's query string: the list's filters without sort and page. */
export type ProposalExportQuery = Partial<
  Record<keyof z.input<typeof ProposalExportQuerySchema>, QueryValue>
>;
/** A triage change: only the fields to change, with the version the office saw. */
export type ProposalChange = z.input<typeof ProposalTriageRequestSchema>;
export type ProposalWithdrawal = z.input<typeof ProposalWithdrawRequestSchema>;
export type ProposalEdit = z.input<typeof ProposalEditRequestSchema>;
export type ProposalMerge = z.input<typeof ProposalMergeRequestSchema>;
export type ProposalLink = NonNullable<z.input<typeof ProposalLinkRequestSchema>>;
export type BulkStatusChange = z.input<typeof ProposalBulkStatusRequestSchema>;
export type BulkHandlingChange = z.input<typeof ProposalBulkHandlingRequestSchema>;

const proposalPath = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;
const projectLinkPath = (proposalId: string, projectId: string) =>
  `${proposalPath(proposalId)}/projects/${encodeURIComponent(projectId)}`;

/** `GET /api/proposals`: one page of the proposals the user may see. */
export const listProposals = (api: ApiClient, query: ProposalListQuery, signal?: AbortSignal) =>
  api.get<ProposalPageDto>('/api/proposals', { query, signal });

/** `GET /api/proposals/queues`: the user's work queues with how many proposals each holds. */
export const getProposalQueues = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ProposalQueueCountsDto>('/api/proposals/queues', { signal });

/** `GET /api/proposals/:id`. */
export const getProposal = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ProposalDto>(proposalPath(id), { signal });

/** `GET /api/proposals/:id/history`, oldest first. */
export const getProposalHistory = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ProposalHistoryDto>(`${proposalPath(id)}/history`, { signal });

/** `PATCH /api/proposals/:id`: triage (status, answer, responsible division, publication). */
export const changeProposal = (api: ApiClient, id: string, body: ProposalChange) =>
  api.patch<ProposalDto>(proposalPath(id), { body });

/** `POST /api/proposals/:id/withdraw`: the proposer withdraws, or the office on their behalf (with a reason). */
export const withdrawProposal = (api: ApiClient, id: string, body: ProposalWithdrawal) =>
  api.post<ProposalDto>(`${proposalPath(id)}/withdraw`, { body });

/** `PATCH /api/proposals/:id/content`: the proposer corrects title, body, category (while 受付). */
export const editProposalContent = (api: ApiClient, id: string, body: ProposalEdit) =>
  api.patch<ProposalDto>(`${proposalPath(id)}/content`, { body });

/** `POST /api/proposals/:id/merge`: this proposal (a duplicate) goes into `body.intoId`. */
export const mergeProposals = (api: ApiClient, id: string, body: ProposalMerge) =>
  api.post<ProposalMergeResultDto>(`${proposalPath(id)}/merge`, { body });

/** `PUT /api/proposals/:id/projects/:projectId`: links the proposal to a 重点案件. */
export const linkProject = (api: ApiClient, proposalId: string, projectId: string, body: ProposalLink = {}) =>
  api.put<ProposalDto>(projectLinkPath(proposalId, projectId), { body });

/** `DELETE /api/proposals/:id/projects/:projectId`. */
export const unlinkProject = (api: ApiClient, proposalId: string, projectId: string) =>
  api.delete<ProposalDto>(projectLinkPath(proposalId, projectId));

/** `POST /api/proposals/bulk-status`: one status change on a selection, answered per proposal. */
export const bulkChangeStatus = (api: ApiClient, body: BulkStatusChange) =>
  api.post<ProposalBulkStatusResultDto>('/api/proposals/bulk-status', { body });

/** `POST /api/proposals/bulk-handling`: 所管課 and/or 期間 on a selection, answered per proposal. */
export const bulkChangeHandling = (api: ApiClient, body: BulkHandlingChange) =>
  api.post<ProposalBulkStatusResultDto>('/api/proposals/bulk-handling', { body });

/** `GET /api/proposals/export.csv`: the filtered proposals as a CSV file. */
export const exportProposalsCsv = (api: ApiClient, query: ProposalExportQuery): Promise<Download> =>
  api.download('/api/proposals/export.csv', { query });

/** `POST /api/proposals/import`: checks (dry run) or imports a CSV file, all or nothing. */
export const importProposalsCsv = (api: ApiClient, file: Blob, { dryRun }: { dryRun: boolean }) =>
  api.upload<ProposalImportResultDto>('/api/proposals/import', file, {
    query: { dryRun: dryRun ? 'true' : 'false' },
  });

/** `POST /api/proposals/:id/notes`: an internal note (内部メモ) of the office or the 所管課's liaison. */
export const addInternalNote = (api: ApiClient, proposalId: string, body: string) =>
  api.post<{ id: number }>(`/api/proposals/${encodeURIComponent(proposalId)}/notes`, { body: { body } });

/** `GET /api/proposals/:id/draft`: the answer draft waiting for the office, or null. */
export const getAnswerDraft = (api: ApiClient, proposalId: string, signal?: AbortSignal) =>
  api.get<ProposalDraftResultDto>(`/api/proposals/${encodeURIComponent(proposalId)}/draft`, { signal });

/** `PUT /api/proposals/:id/draft`: the liaison's draft of the answer and status, for the office. */
export const saveAnswerDraft = (api: ApiClient, proposalId: string, body: ProposalDraftRequest) =>
  api.put<ProposalDraftResultDto>(`/api/proposals/${encodeURIComponent(proposalId)}/draft`, { body });

/** `POST /api/proposals/:id/draft/approve` (office): the draft applied by the triage, the proposer told. */
export const approveAnswerDraft = (api: ApiClient, proposalId: string, body: ProposalDraftApproveRequest) =>
  api.post<ProposalDto>(`/api/proposals/${encodeURIComponent(proposalId)}/draft/approve`, { body });
