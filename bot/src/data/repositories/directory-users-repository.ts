import { inArray } from 'drizzle-orm';
import type { Executor } from '../database';
import { users, type UserRow } from '../schema/index';

export const findUsersByAadObjectIds = async (db: Executor, aadObjectIds: string[]): Promise<UserRow[]> =>
  aadObjectIds.length === 0 ? [] : db.select().from(users).where(inArray(users.aadObjectId, aadObjectIds));

/**
 * People the directory vouched for, recorded before their first use of the app (they were chosen as
 * recipients or co-proposers). Someone recorded meanwhile by another request is left as they are.
 */
export const insertUsersFromDirectory = async (
  db: Executor,
  people: { aadObjectId: string; displayName: string; email: string | null }[],
): Promise<void> => {
  if (people.length === 0) return;
  // E-mail is its own unique key; a conflict on it keeps the existing account and adds this one without.
  for (const person of people) {
    const inserted = await db.insert(users).values(person).onConflictDoNothing().returning({ id: users.id });
    if (inserted.length === 0 && person.email)
      await db
        .insert(users)
        .values({ ...person, email: null })
        .onConflictDoNothing();
  }
};
