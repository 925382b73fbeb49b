import type { ProposalDto } from '#shared/proposal';
import type {
  ProposalDraftApproveRequest,
  ProposalDraftRequest,
  ProposalHandlingRequest,
  ProposalNoteRequest,
} from '#shared/proposal-api';
import type { ProposalDraftResultDto } from '#shared/tab-api';
import type { ApiClient } from './api-client';

/**
 * The internal side of a proposal (the office and the 所管課's liaisons): notes, the draft of the
 * answer, 期間 and 実現目標日, and the office's approval of a draft.
 */
const path = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

/** `POST /api/proposals/:id/notes`: an internal note (内部メモ). */
export const addInternalNote = (api: ApiClient, id: string, body: ProposalNoteRequest) =>
  api.post<{ id: number }>(`${path(id)}/notes`, { body });

/** `GET /api/proposals/:id/draft`: the draft waiting for the office, or null. */
export const getAnswerDraft = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ProposalDraftResultDto>(`${path(id)}/draft`, { signal });

/** `PUT /api/proposals/:id/draft`: the liaison's draft of the answer and status. */
export const saveAnswerDraft = (api: ApiClient, id: string, body: ProposalDraftRequest) =>
  api.put<ProposalDraftResultDto>(`${path(id)}/draft`, { body });

/** `POST /api/proposals/:id/draft/approve` (office): applies the draft and tells the proposer. */
export const approveAnswerDraft = (api: ApiClient, id: string, body: ProposalDraftApproveRequest) =>
  api.post<ProposalDto>(`${path(id)}/draft/approve`, { body });

/** `PATCH /api/proposals/:id/handling`: 期間 and 実現目標日. */
export const setProposalHandling = (api: ApiClient, id: string, body: ProposalHandlingRequest) =>
  api.patch<ProposalDto>(`${path(id)}/handling`, { body });
