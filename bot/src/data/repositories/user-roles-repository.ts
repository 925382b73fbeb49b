// Users' roles: the database roles set by admins (each change recorded in role_changes), the roles
// the Entra token granted as last seen at sign-in, and the admins' 権限管理 search over both.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { AppError, normalizeAssignableRoles, type AssignableRole, type Role } from '#shared';
import { withinTransaction, type Executor, type Transaction } from '../database';
import { divisions, users, type UserRow } from '../schema/index';
import { appendRoleChange } from './role-changes-repository';

export interface RoleChangeCause {
  /** Who changed the roles; null for the system (demo data, development sign-in). */
  actorId: string | null;
  reason?: string | null;
}

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((role, index) => role === b[index]);

/**
 * Locks the users' rows until the transaction ends and returns their database roles. Rows are
 * locked in id order, so two role changes touching the same people never deadlock; a change that
 * waited reads the roles the other one committed.
 */
export const lockUsersRoles = async (
  tx: Transaction,
  ids: string[],
): Promise<Map<string, AssignableRole[]>> => {
  const rows = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(inArray(users.id, ids))
    .orderBy(asc(users.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, normalizeAssignableRoles(row.roles)]));
};

/**
 * Sets a user's database roles ('staff' is implied and never stored) and records the change in
 * role_changes, in one transaction (the caller's, when given). Nothing is written when the roles
 * already are these. Returns the roles before and whether they changed.
 */
export const setUserRoles = async (
  db: Executor,
  id: string,
  roles: readonly Role[],
  cause: RoleChangeCause = { actorId: null },
): Promise<{ before: AssignableRole[]; after: AssignableRole[]; changed: boolean }> =>
  withinTransaction(db, async (tx) => {
    const before = (await lockUsersRoles(tx, [id])).get(id);
    if (!before)
      throw new AppError('NOT_FOUND', {
        message: `User ${id} not found`,
        userMessage: '利用者が見つかりません。',
      });
    const after = normalizeAssignableRoles(roles);
    if (sameRoles(before, after)) return { before, after, changed: false };
    await tx
      .update(users)
      .set({ roles: after, updatedAt: sql`now()` })
      .where(eq(users.id, id));
    await appendRoleChange(tx, {
      userId: id,
      actorId: cause.actorId,
      rolesBefore: before,
      rolesAfter: after,
      reason: cause.reason ?? null,
    });
    return { before, after, changed: true };
  });

/**
 * What the user's Entra token granted, as seen at sign-in: roles (for the admins' overview and the
 * office's notifications) and the divisions its groups make them liaison of (for the liaisons'
 * notifications); tokens themselves authorise. Written when they changed or the last confirmation is
 * older than `entraRolesRefreshMs`, so a known user costs no write on most requests.
 */
export const entraRolesRefreshMs = 24 * 60 * 60 * 1000;

export interface EntraGrants {
  roles: readonly Role[];
  liaisonDivisionIds: readonly string[];
}

const sameIds = (a: readonly string[], b: readonly string[]) => sameRoles([...a].sort(), [...b].sort());

export const needsEntraRolesUpdate = (row: UserRow, granted: EntraGrants, now: Date): boolean =>
  !row.entraRolesCheckedAt ||
  now.getTime() - row.entraRolesCheckedAt.getTime() >= entraRolesRefreshMs ||
  !sameRoles(normalizeAssignableRoles(row.entraRoles), normalizeAssignableRoles(granted.roles)) ||
  !sameIds(row.entraLiaisonDivisionIds, granted.liaisonDivisionIds);

export const recordEntraRoles = async (
  db: Executor,
  id: string,
  granted: EntraGrants,
  checkedAt: Date,
): Promise<void> => {
  await db
    .update(users)
    .set({
      entraRoles: normalizeAssignableRoles(granted.roles),
      entraLiaisonDivisionIds: [...new Set(granted.liaisonDivisionIds)],
      entraRolesCheckedAt: checkedAt,
    })
    .where(eq(users.id, id));
};

/**
 * Users for the admins' 権限管理 page: every term in the name or e-mail, optionally holders of a role
 * (or one user by id); with the liaison divisions assigned there and those Entra groups gave.
 */
export const searchUsersForAdmin = async (
  db: Executor,
  options: {
    terms: string[];
    role?: AssignableRole | undefined;
    userId?: string | undefined;
    limit: number;
    offset: number;
  },
) => {
  const conditions = [
    ...(options.userId ? [eq(users.id, options.userId)] : []),
    ...options.terms.map((term) => sql`strpos(${users.searchName}, app_search_normalize(${term})) > 0`),
    ...(options.role
      ? [sql`(${options.role} = any(${users.roles}) or ${options.role} = any(${users.entraRoles}))`]
      : []),
  ];
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      aadObjectId: users.aadObjectId,
      roles: users.roles,
      entraRoles: users.entraRoles,
      entraRolesCheckedAt: users.entraRolesCheckedAt,
      liaisonDivisionIds: users.liaisonDivisionIds,
      entraLiaisonDivisionIds: users.entraLiaisonDivisionIds,
      divisionId: users.divisionId,
      divisionName: divisions.name,
    })
    .from(users)
    .leftJoin(divisions, eq(divisions.id, users.divisionId))
    .where(where)
    // Holders of a role first (who is office and admin is what the page is about), then by name.
    .orderBy(
      sql`(cardinality(${users.roles}) + cardinality(${users.entraRoles}) > 0) desc`,
      asc(users.displayName),
      asc(users.id),
    )
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(users).where(where);
  return { rows, total: total?.n ?? 0 };
};
