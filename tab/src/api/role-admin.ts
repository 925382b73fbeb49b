import type { z } from 'zod';
import type {
  AdminUserListQuerySchema,
  AdminUserPageDto,
  LiaisonDivisionsDto,
  LiaisonDivisionsUpdateRequest,
  RoleChangeListQuerySchema,
  RoleChangePageDto,
  UserRolesUpdateRequest,
  UserRolesUpdateResultDto,
} from '#shared/role-admin';
import type { ApiClient, QueryValue } from './api-client';

/** `/api/admin/…` (権限管理, admins only): one function per endpoint, types from #shared's schemas. */

export type AdminUserListQuery = Partial<Record<keyof z.input<typeof AdminUserListQuerySchema>, QueryValue>>;
export type RoleChangeListQuery = Partial<
  Record<keyof z.input<typeof RoleChangeListQuerySchema>, QueryValue>
>;

/** `GET /api/admin/users`: people with their roles, searched and paged. */
export const listAdminUsers = (api: ApiClient, query: AdminUserListQuery, signal?: AbortSignal) =>
  api.get<AdminUserPageDto>('/api/admin/users', { query, signal });

/** `PUT /api/admin/users/:id/roles`: the user's database roles as they should be. */
export const setUserRoles = (api: ApiClient, userId: string, body: UserRolesUpdateRequest) =>
  api.put<UserRolesUpdateResultDto>(`/api/admin/users/${encodeURIComponent(userId)}/roles`, { body });

/** `GET /api/admin/role-changes`: the role-change history, newest first. */
export const listRoleChanges = (api: ApiClient, query: RoleChangeListQuery, signal?: AbortSignal) =>
  api.get<RoleChangePageDto>('/api/admin/role-changes', { query, signal });

/** `PUT /api/admin/users/:id/liaison-divisions`: the divisions the user is the liaison (所管課担当) of. */
export const setLiaisonDivisions = (api: ApiClient, userId: string, body: LiaisonDivisionsUpdateRequest) =>
  api.put<LiaisonDivisionsDto>(`/api/admin/users/${encodeURIComponent(userId)}/liaison-divisions`, { body });
