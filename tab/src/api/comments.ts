import type {
  CommentDismissRequest,
  CommentHideRequest,
  CommentPostRequest,
  CommentReportRequest,
  ProposalCommentDto,
  ProposalCommentsDto,
  ReportedCommentsDto,
} from '#shared/comment-api';
import type { ApiClient } from './api-client';

/** Comments on published proposals, reports (通報) and the office's moderation. */
const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

/** `GET /api/proposals/:id/comments`: the latest comments, oldest first. */
export const listComments = (api: ApiClient, proposalId: string, signal?: AbortSignal) =>
  api.get<ProposalCommentsDto>(`/api/proposals/${encodeURIComponent(proposalId)}/comments`, { signal });

/** `POST /api/proposals/:id/comments`. */
export const postComment = (api: ApiClient, proposalId: string, body: CommentPostRequest) =>
  api.post<ProposalCommentDto>(`/api/proposals/${encodeURIComponent(proposalId)}/comments`, { body });

/** `POST /api/comments/:id/report`: once per person. */
export const reportComment = (api: ApiClient, id: string, body: CommentReportRequest) =>
  api.post<ProposalCommentDto>(`${commentPath(id)}/report`, { body });

/** `POST /api/comments/:id/hide` (office): with a reason. */
export const hideComment = (api: ApiClient, id: string, body: CommentHideRequest) =>
  api.post<ProposalCommentDto>(`${commentPath(id)}/hide`, { body });

/** `POST /api/comments/:id/reports/dismiss` (office): the reports are settled, the comment stays. */
export const dismissCommentReports = (api: ApiClient, id: string, body: CommentDismissRequest) =>
  api.post<ProposalCommentDto>(`${commentPath(id)}/reports/dismiss`, { body });

/** `GET /api/comment-reports` (office): comments with open reports. */
export const listReportedComments = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ReportedCommentsDto>('/api/comment-reports', { signal });
