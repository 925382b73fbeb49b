import { count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AssignableRole } from '#shared';
import type { Executor } from '../database';
import { roleChanges, users } from '../schema/index';

export interface RoleChangeEntry {
  userId: string;
  /** Null for the system (demo data, development sign-in). */
  actorId: string | null;
  rolesBefore: AssignableRole[];
  rolesAfter: AssignableRole[];
  reason: string | null;
}

/** Append-only: there is deliberately no update or delete here (the database refuses them too). */
export const appendRoleChange = async (db: Executor, entry: RoleChangeEntry): Promise<void> => {
  await db.insert(roleChanges).values(entry);
};

const subjects = alias(users, 'subjects');
const actors = alias(users, 'actors');

/** Newest first; one user's when `userId` is given. */
export const findRoleChanges = async (
  db: Executor,
  options: { userId?: string | undefined; limit: number; offset: number },
) => {
  const where = options.userId ? eq(roleChanges.userId, options.userId) : undefined;
  const rows = await db
    .select({
      id: roleChanges.id,
      userId: roleChanges.userId,
      userName: subjects.displayName,
      actorId: roleChanges.actorId,
      actorName: actors.displayName,
      rolesBefore: roleChanges.rolesBefore,
      rolesAfter: roleChanges.rolesAfter,
      reason: roleChanges.reason,
      createdAt: roleChanges.createdAt,
    })
    .from(roleChanges)
    .innerJoin(subjects, eq(subjects.id, roleChanges.userId))
    .leftJoin(actors, eq(actors.id, roleChanges.actorId))
    .where(where)
    .orderBy(desc(roleChanges.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(roleChanges).where(where);
  return { rows, total: total?.n ?? 0 };
};
