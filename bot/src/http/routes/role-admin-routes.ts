import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminUserIdParamsSchema,
  AdminUserListQuerySchema,
  AdminUserPageDtoSchema,
  LiaisonDivisionsDtoSchema,
  RoleChangeListQuerySchema,
  RoleChangePageDtoSchema,
  UserRolesUpdateResultDtoSchema,
  UserRolesUpdateSchema,
} from '#shared';
import type { Database } from '../../data/database';
import { setLiaisonDivisions } from '../../services/role-admin/division-liaisons';
import {
  listRoleChanges,
  listUsersForAdmin,
  setUserDatabaseRoles,
} from '../../services/role-admin/role-admin';
import { requireRole } from '../auth-context';

/**
 * 権限管理 (admins only, checked here and again in the service): users with their roles, setting a
 * user's database roles and liaison divisions (所管課担当), and the role-change history. There is deliberately no route that edits or
 * deletes the history.
 */
export const roleAdminRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  // Before validation: anyone else gets 403 whatever they send, and learns nothing from 400s.
  app.addHook('preValidation', async (request) => {
    requireRole(request, 'admin');
  });

  app.get(
    '/api/admin/users',
    { schema: { querystring: AdminUserListQuerySchema, response: { 200: AdminUserPageDtoSchema } } },
    async (request) => listUsersForAdmin(db, requireRole(request, 'admin'), request.query),
  );

  app.put(
    '/api/admin/users/:id/roles',
    {
      schema: {
        params: AdminUserIdParamsSchema,
        body: UserRolesUpdateSchema,
        response: { 200: UserRolesUpdateResultDtoSchema },
      },
    },
    async (request) => {
      const actor = requireRole(request, 'admin');
      const { roles, expectedRoles, reason } = request.body;
      return setUserDatabaseRoles(db, actor, { userId: request.params.id, roles, expectedRoles, reason });
    },
  );

  // The body is validated by the service (its Japanese messages), so the route only passes it on.
  app.put(
    '/api/admin/users/:id/liaison-divisions',
    { schema: { params: AdminUserIdParamsSchema, response: { 200: LiaisonDivisionsDtoSchema } } },
    async (request) =>
      setLiaisonDivisions(db, requireRole(request, 'admin'), {
        userId: request.params.id,
        request: request.body,
      }),
  );

  app.get(
    '/api/admin/role-changes',
    { schema: { querystring: RoleChangeListQuerySchema, response: { 200: RoleChangePageDtoSchema } } },
    async (request) => listRoleChanges(db, requireRole(request, 'admin'), request.query),
  );
};
