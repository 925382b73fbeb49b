import type {
  NotificationPreference,
  NotificationPreferenceDto,
  ProposalEngagementDto,
  TopSupportedProposalsDto,
} from '#shared/engagement';
import type { ApiClient } from './api-client';

/** 賛同・フォロー and the notification preference: one function per endpoint. */

const proposalPath = (id: string) => `/api/proposals/${encodeURIComponent(id)}`;

/** `PUT /api/proposals/:id/support` (賛同する) or `DELETE` (取り消す); both idempotent. */
export const setSupport = (api: ApiClient, proposalId: string, supported: boolean) =>
  supported
    ? api.put<ProposalEngagementDto>(`${proposalPath(proposalId)}/support`)
    : api.delete<ProposalEngagementDto>(`${proposalPath(proposalId)}/support`);

/** `PUT /api/proposals/:id/follow` (フォローする) or `DELETE` (フォロー解除). */
export const setFollow = (api: ApiClient, proposalId: string, followed: boolean) =>
  followed
    ? api.put<ProposalEngagementDto>(`${proposalPath(proposalId)}/follow`)
    : api.delete<ProposalEngagementDto>(`${proposalPath(proposalId)}/follow`);

/** `GET /api/me/notification-preference`. */
export const getNotificationPreference = (api: ApiClient, signal?: AbortSignal) =>
  api.get<NotificationPreferenceDto>('/api/me/notification-preference', { signal });

/** `PUT /api/me/notification-preference`. */
export const setNotificationPreference = (api: ApiClient, preference: NotificationPreference) =>
  api.put<NotificationPreferenceDto>('/api/me/notification-preference', { body: { preference } });

/** `GET /api/dashboard/top-supported` (office and admins). */
export const getTopSupportedProposals = (api: ApiClient, signal?: AbortSignal) =>
  api.get<TopSupportedProposalsDto>('/api/dashboard/top-supported', { signal });
