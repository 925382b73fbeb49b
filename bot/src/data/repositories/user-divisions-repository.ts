// Users' divisions: set directly (sign-in, demo data) or from the directory, and the colleagues list
// that stands in for Teams' people picker, ordered by division.
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { divisions, users } from '../schema/index';

export const updateUserDivision = async (
  db: Executor,
  id: string,
  divisionId: string | null,
): Promise<void> => {
  await db
    .update(users)
    .set({ divisionId, updatedAt: sql`now()` })
    .where(eq(users.id, id));
};

/**
 * The directory was asked for a user's division: records when, and the division it named — as the
 * user's division (`replace`), or only if they have none (`ifMissing`: not over one they picked meanwhile).
 */
export const recordDivisionCheck = async (
  db: Executor,
  id: string,
  divisionId: string | null,
  checkedAt: Date,
  mode: 'replace' | 'ifMissing',
): Promise<void> => {
  await db
    .update(users)
    .set({
      divisionId: mode === 'replace' ? divisionId : sql`coalesce(${users.divisionId}, ${divisionId}::uuid)`,
      divisionCheckedAt: checkedAt,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
};

/**
 * Colleagues who have used the app (they have an Entra id), for the stamp form when Teams' people
 * picker is not available: the sender's own division first, then by name.
 */
export const findColleaguesForPicker = async (
  db: Executor,
  options: { excludeUserId: string; divisionId: string | null; limit: number },
): Promise<{ aadObjectId: string; displayName: string; divisionName: string | null }[]> => {
  const rows = await db
    .select({ aadObjectId: users.aadObjectId, displayName: users.displayName, divisionName: divisions.name })
    .from(users)
    .leftJoin(divisions, eq(divisions.id, users.divisionId))
    .where(and(isNotNull(users.aadObjectId), ne(users.id, options.excludeUserId)))
    .orderBy(
      options.divisionId ? sql`(${users.divisionId} = ${options.divisionId}) desc nulls last` : sql`1`,
      asc(users.displayName),
    )
    .limit(options.limit);
  return rows.flatMap((row) => (row.aadObjectId ? [{ ...row, aadObjectId: row.aadObjectId }] : []));
};
