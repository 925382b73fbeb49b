import { and, eq, gte, inArray, like, sql } from 'drizzle-orm';
import type { ProposalStatus } from '#shared';
import { queryRows, type Executor } from '../database';
import { notificationDeliveries, users } from '../schema/index';

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

/**
 * A user's liaison divisions for the worker's notifications: those assigned in 権限管理 and those their
 * Entra groups gave them at their latest sign-in (users.entra_liaison_division_ids).
 */
const allLiaisonDivisionIds = sql`(${users.liaisonDivisionIds} || ${users.entraLiaisonDivisionIds})`;

/** The liaisons of a division (the GIN indexes on the two array columns answer `@>`). */
export const findLiaisonIdsOfDivision = async (db: Executor, divisionId: string): Promise<string[]> =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(
        sql`(${users.liaisonDivisionIds} @> array[${divisionId}]::uuid[]
             or ${users.entraLiaisonDivisionIds} @> array[${divisionId}]::uuid[])`,
      )
  ).map((row) => row.id);

/** One proposal waiting for a liaison, with how many wait for them in all. */
export interface LiaisonWaitingRow {
  userId: string;
  proposalId: string;
  number: string;
  title: string;
  status: ProposalStatus;
  total: number;
}

/**
 * What waits for each liaison (所管課担当): open proposals (受付・検討中) assigned to their divisions
 * with no draft yet, the oldest `perLiaison` of them and the total. One statement for all liaisons.
 */
export const findLiaisonWaitingWork = async (
  db: Executor,
  perLiaison: number,
): Promise<LiaisonWaitingRow[]> =>
  (
    await queryRows<LiaisonWaitingRow & { total: number | string }>(
      db,
      sql`select "userId", "proposalId", number, title, status, total from (
            select u.id as "userId", p.id as "proposalId", p.number, p.title, p.status,
                   count(*) over (partition by u.id) as total,
                   row_number() over (partition by u.id order by p.submitted_at, p.number) as position
            from users u
            join proposals p on p.responsible_division_id = any(u.liaison_division_ids || u.entra_liaison_division_ids)
            where cardinality(u.liaison_division_ids) + cardinality(u.entra_liaison_division_ids) > 0
              and p.status in ('received', 'under_consideration')
              and not exists (select 1 from proposal_answer_drafts d where d.proposal_id = p.id)
          ) waiting
          where position <= ${perLiaison}
          order by "userId", position`,
    )
  ).map((row) => ({ ...row, total: Number(row.total) }));

/** How many assignment cards each of `userIds` was sent since `since` (only those with any). */
export const countAssignmentNotices = async (
  db: Executor,
  userIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> => {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: notificationDeliveries.userId, count: sql<number>`count(*)::int` })
    .from(notificationDeliveries)
    .where(
      and(
        inArray(notificationDeliveries.userId, [...userIds]),
        like(notificationDeliveries.dedupeKey, 'proposal-assigned:%'),
        gte(notificationDeliveries.createdAt, since),
      ),
    )
    .groupBy(notificationDeliveries.userId);
  return new Map(rows.map((row) => [row.userId, Number(row.count)]));
};

const idArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** The liaisons of any of the divisions, with all the divisions each answers for. */
export const findLiaisonsOfDivisions = async (
  db: Executor,
  divisionIds: readonly string[],
): Promise<{ id: string; liaisonDivisionIds: string[] }[]> =>
  divisionIds.length === 0
    ? []
    : (
        await db
          .select({ id: users.id, liaisonDivisionIds: sql<string[]>`${allLiaisonDivisionIds}` })
          .from(users)
          .where(
            sql`(${users.liaisonDivisionIds} && ${idArray(divisionIds)} or ${users.entraLiaisonDivisionIds} && ${idArray(divisionIds)})`,
          )
          .orderBy(users.id)
      ).map((row) => ({ id: row.id, liaisonDivisionIds: [...new Set(row.liaisonDivisionIds)] }));
