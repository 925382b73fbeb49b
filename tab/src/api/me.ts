import type { CurrentUserDto } from '#shared/tab-api';
import type { ApiClient } from './api-client';

/** `GET /api/me`: the signed-in user, the roles in effect and their division. */
export const getCurrentUser = (api: ApiClient) => api.get<CurrentUserDto>('/api/me');
