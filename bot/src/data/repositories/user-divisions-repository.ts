// Users' divisions: set directly (sign-in, demo data, an admin's correction from an effective date) or
// from the directory; the 職員 search; and the colleagues list that stands in for Teams' people picker.
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../database';
import { divisions, proposals, stamps, users } from '../schema/index';

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

/**
 * People for the 職員 page: every term in the name or e-mail, optionally in one division, without a
 * division (`missing`) or in a retired one (`retired`); by name.
 */
export const searchStaff = async (
  db: Executor,
  options: {
    terms: string[];
    divisionId?: string | undefined;
    filter?: 'missing' | 'retired' | undefined;
    userId?: string | undefined;
    limit: number;
    offset: number;
  },
) => {
  const where = and(
    options.userId ? eq(users.id, options.userId) : undefined,
    options.divisionId ? eq(users.divisionId, options.divisionId) : undefined,
    options.filter === 'missing' ? isNull(users.divisionId) : undefined,
    options.filter === 'retired' ? eq(divisions.isActive, false) : undefined,
    ...options.terms.map((term) => sql`strpos(${users.searchName}, app_search_normalize(${term})) > 0`),
  );
  const rows = await db
    .select({
      user: users,
      divisionName: divisions.name,
      divisionIsActive: divisions.isActive,
    })
    .from(users)
    .leftJoin(divisions, eq(divisions.id, users.divisionId))
    .where(where)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .leftJoin(divisions, eq(divisions.id, users.divisionId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
};

/** Locks the user's row until the transaction ends and returns their current division. */
export const lockUserDivision = async (
  tx: Transaction,
  id: string,
): Promise<{ divisionId: string | null } | undefined> =>
  (await tx.select({ divisionId: users.divisionId }).from(users).where(eq(users.id, id)).for('update'))[0];

/**
 * The user's division from `since` on: their current division, and the division copied onto what
 * they proposed and sent or received since then (the dashboard counts follow through their triggers).
 */
export const moveUserDivisionSince = async (
  tx: Transaction,
  id: string,
  divisionId: string,
  since: Date,
): Promise<{ proposals: number; stampsSent: number; stampsReceived: number }> => {
  await updateUserDivision(tx, id, divisionId);
  const ids = { id: sql<string>`id` };
  const moved = await tx
    .update(proposals)
    .set({ proposerDivisionId: divisionId })
    .where(
      and(
        eq(proposals.proposerId, id),
        gte(proposals.submittedAt, since),
        sql`${proposals.proposerDivisionId} is distinct from ${divisionId}::uuid`,
      ),
    )
    .returning(ids);
  const sent = await tx
    .update(stamps)
    .set({ senderDivisionId: divisionId })
    .where(
      and(
        eq(stamps.senderId, id),
        gte(stamps.sentAt, since),
        sql`${stamps.senderDivisionId} is distinct from ${divisionId}::uuid`,
      ),
    )
    .returning(ids);
  const received = await tx
    .update(stamps)
    .set({ recipientDivisionId: divisionId })
    .where(
      and(
        eq(stamps.recipientId, id),
        gte(stamps.sentAt, since),
        sql`${stamps.recipientDivisionId} is distinct from ${divisionId}::uuid`,
      ),
    )
    .returning(ids);
  return { proposals: moved.length, stampsSent: sent.length, stampsReceived: received.length };
};

/** What the directory said of a user: their department, the division that follows, and when. */
export const recordDirectoryDepartment = async (
  db: Executor,
  id: string,
  department: string | null,
  divisionId: string | null,
  checkedAt: Date,
): Promise<void> => {
  await db
    .update(users)
    .set({ directoryDepartment: department, divisionId, divisionCheckedAt: checkedAt, updatedAt: sql`now()` })
    .where(eq(users.id, id));
};

/** Local users by Entra object id (the directory sync touches only people the app knows). */
export const findUsersByAadObjectIds = async (db: Executor, aadObjectIds: string[]) =>
  aadObjectIds.length === 0
    ? []
    : db
        .select({ id: users.id, aadObjectId: users.aadObjectId, divisionId: users.divisionId })
        .from(users)
        .where(inArray(users.aadObjectId, aadObjectIds));
