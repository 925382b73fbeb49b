import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { users } from '../schema/index';

/** Sets the divisions a user is the liaison (所管課担当) of. */
export const setLiaisonDivisionIds = async (
  db: Executor,
  userId: string,
  divisionIds: readonly string[],
): Promise<void> => {
  await db
    .update(users)
    .set({ liaisonDivisionIds: [...divisionIds], updatedAt: new Date() })
    .where(eq(users.id, userId));
};

/** The liaisons of a division (the GIN index on the array column answers `@>`). */
export const findLiaisonIdsOfDivision = async (db: Executor, divisionId: string): Promise<string[]> =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.liaisonDivisionIds} @> array[${divisionId}]::uuid[]`)
  ).map((row) => row.id);

/** The liaisons of any of the divisions, with all the divisions each answers for. */
export const findLiaisonsOfDivisions = async (
  db: Executor,
  divisionIds: readonly string[],
): Promise<{ id: string; liaisonDivisionIds: string[] }[]> =>
  divisionIds.length === 0
    ? []
    : db
        .select({ id: users.id, liaisonDivisionIds: users.liaisonDivisionIds })
        .from(users)
        .where(
          sql`${users.liaisonDivisionIds} && array[${sql.join(
            divisionIds.map((id) => sql`${id}`),
            sql`, `,
          )}]::uuid[]`,
        )
        .orderBy(users.id);
