import {
  AppError,
  effectiveRolesOf,
  hasRole,
  normalizeAssignableRoles,
  searchTerms,
  type Actor,
  type AdminUserDto,
  type AdminUserListParams,
  type AdminUserPageDto,
  type AssignableRole,
  type Role,
  type RoleChangeListParams,
  type RoleChangePageDto,
  type UserRolesUpdateResultDto,
} from '#shared';
import type { Database } from '../../data/database';
import { findRoleChanges } from '../../data/repositories/role-changes-repository';
import {
  lockUsersRoles,
  searchUsersForAdmin,
  setUserRoles,
} from '../../data/repositories/user-roles-repository';

/**
 * 権限管理: admins see who holds which role and assign the database roles (office, admin). Roles
 * from Entra (app roles, office groups) are shown but belong to Entra, and so do the liaison divisions
 * Entra groups grant (AUTH_LIAISON_GROUPS, as the latest sign-in noted them). Every change is
 * recorded in role_changes in its own transaction (users-repository setUserRoles).
 *
 * Nobody is left without an administrator: an admin cannot take away their own admin role (another
 * admin has to), and the acting admin's right is re-read under a lock, so two admins removing each
 * other at the same moment cannot both succeed. Hence a database admin always remains unless the
 * change is made by someone who is admin through Entra, where the IT division can always appoint one.
 */
export interface RoleAdminActor extends Actor {
  /** The roles this request's token grants (Entra); absent = none (development sign-in). */
  grantedRoles?: readonly Role[] | undefined;
}

const requireAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin'))
    throw new AppError('FORBIDDEN', { message: 'Role administration requires the admin role' });
};

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((role, index) => role === b[index]);

type AdminUserRow = Awaited<ReturnType<typeof searchUsersForAdmin>>['rows'][number];

const toAdminUserDto = (row: AdminUserRow): AdminUserDto => {
  const databaseRoles = normalizeAssignableRoles(row.roles);
  const entraRoles = normalizeAssignableRoles(row.entraRoles);
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    division: row.divisionId && row.divisionName ? { id: row.divisionId, name: row.divisionName } : null,
    hasEntraAccount: row.aadObjectId !== null,
    databaseRoles,
    entraRoles,
    entraRolesCheckedAt: row.entraRolesCheckedAt?.toISOString() ?? null,
    effectiveRoles: effectiveRolesOf(databaseRoles, entraRoles),
    liaisonDivisionIds: [...row.liaisonDivisionIds],
    entraLiaisonDivisionIds: [...row.entraLiaisonDivisionIds],
  };
};

/** `GET /api/admin/users`: holders of a role first, then by name; paged. */
export const listUsersForAdmin = async (
  db: Database,
  actor: Actor,
  params: AdminUserListParams,
): Promise<AdminUserPageDto> => {
  requireAdmin(actor);
  const { rows, total } = await searchUsersForAdmin(db, {
    terms: searchTerms(params.q),
    role: params.role,
    limit: params.pageSize,
    offset: (params.page - 1) * params.pageSize,
  });
  return { items: rows.map(toAdminUserDto), total, page: params.page, pageSize: params.pageSize };
};

const getAdminUser = async (db: Database, userId: string): Promise<AdminUserDto> => {
  const { rows } = await searchUsersForAdmin(db, { terms: [], userId, limit: 1, offset: 0 });
  if (!rows[0])
    throw new AppError('NOT_FOUND', {
      message: `User ${userId} not found`,
      userMessage: '利用者が見つかりません。',
    });
  return toAdminUserDto(rows[0]);
};

export interface UserRolesChange {
  userId: string;
  roles: AssignableRole[];
  /** The database roles the admin saw; a different current value means someone changed them meanwhile. */
  expectedRoles: AssignableRole[];
  reason?: string | null | undefined;
}

/**
 * `PUT /api/admin/users/:id/roles`. Idempotent: roles already as asked change nothing and record
 * nothing. Otherwise the roles the admin saw must still be current (409 if not), and the change and
 * its role_changes row are written together.
 */
export const setUserDatabaseRoles = async (
  db: Database,
  actor: RoleAdminActor,
  change: UserRolesChange,
): Promise<UserRolesUpdateResultDto> => {
  requireAdmin(actor);
  const roles = normalizeAssignableRoles(change.roles);
  const expected = normalizeAssignableRoles(change.expectedRoles);
  const granted = actor.grantedRoles ?? [];
  const changed = await db.transaction(async (tx) => {
    const locked = await lockUsersRoles(tx, [...new Set([actor.userId, change.userId])]);
    const current = locked.get(change.userId);
    if (!current)
      throw new AppError('NOT_FOUND', {
        message: `User ${change.userId} not found`,
        userMessage: '利用者が見つかりません。',
      });
    // The request was authenticated before the lock: another admin may have removed this one's right.
    if (!effectiveRolesOf(locked.get(actor.userId) ?? [], granted).includes('admin')) {
      throw new AppError('FORBIDDEN', {
        message: 'The acting admin lost the admin role meanwhile',
        userMessage: 'あなたの管理者権限は他の管理者によって外されたため、権限を変更できません。',
      });
    }
    if (sameRoles(current, roles)) return false;
    if (!sameRoles(current, expected)) {
      throw new AppError('CONFLICT', {
        message: `Roles of ${change.userId} changed meanwhile`,
        userMessage:
          'この利用者の権限は他の管理者が先に変更しました。画面を更新して最新の内容を確認してください。',
      });
    }
    const losesOwnAdmin =
      change.userId === actor.userId &&
      current.includes('admin') &&
      !roles.includes('admin') &&
      !granted.includes('admin');
    if (losesOwnAdmin) {
      throw new AppError('FORBIDDEN', {
        message: 'An admin may not remove their own admin role',
        userMessage:
          '自分自身の管理者権限は外せません。管理者をやめる場合は、ほかの管理者に外してもらってください。',
      });
    }
    await setUserRoles(tx, change.userId, roles, { actorId: actor.userId, reason: change.reason ?? null });
    return true;
  });
  return { user: await getAdminUser(db, change.userId), changed };
};

/** `GET /api/admin/role-changes`: newest first, optionally one user's. */
export const listRoleChanges = async (
  db: Database,
  actor: Actor,
  params: RoleChangeListParams,
): Promise<RoleChangePageDto> => {
  requireAdmin(actor);
  const { rows, total } = await findRoleChanges(db, {
    userId: params.userId,
    limit: params.pageSize,
    offset: (params.page - 1) * params.pageSize,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      user: { id: row.userId, displayName: row.userName },
      actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '' } : null,
      rolesBefore: normalizeAssignableRoles(row.rolesBefore),
      rolesAfter: normalizeAssignableRoles(row.rolesAfter),
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
};
