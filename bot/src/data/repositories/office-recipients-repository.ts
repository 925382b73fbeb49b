import { and, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { conversationReferences, users } from '../schema/index';

/**
 * People of the office (推進室, by database or Entra role) the bot can reach in a 1:1 chat. The
 * Entra roles are as last seen at sign-in: a digest is information, not an authorisation.
 */
export const findReachableOfficeUserIds = async (db: Executor): Promise<string[]> => {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`('office' = any(${users.roles}) or 'office' = any(${users.entraRoles}))`,
        sql`exists (select 1 from ${conversationReferences} where ${conversationReferences.userId} = ${users.id} and ${conversationReferences.conversationType} = 'personal' and ${conversationReferences.isActive})`,
      ),
    )
    .orderBy(users.id);
  return rows.map((row) => row.id);
};
