// The users table's people: created or linked from a Teams / SSO identity, from an e-mail (imports,
// demo data) or an Entra id (people picker), and looked up. Roles are in user-roles-repository.ts,
// divisions and the directory in user-divisions-repository.ts.
import { eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '#shared';
import { chunk } from '../chunk';
import type { Executor } from '../database';
import { users, type UserRow } from '../schema/index';

export interface TeamsIdentity {
  aadObjectId: string;
  tenantId: string | null;
  displayName: string;
  email?: string | null;
}

/**
 * The user behind a Teams or SSO identity, created on first sight. Someone first known from an
 * imported list (same e-mail, no Entra id yet) is linked instead of duplicated.
 */
export const upsertUserByIdentity = async (db: Executor, identity: TeamsIdentity): Promise<UserRow> => {
  const known = await updateKnownIdentity(db, identity);
  if (known) return known;
  const values = {
    aadObjectId: identity.aadObjectId,
    tenantId: identity.tenantId,
    displayName: identity.displayName,
  };
  // No conflict target: it covers both unique keys (Entra id and e-mail). Two turns of a newcomer
  // arriving together (Teams announces an install twice) both get here; the second waits for the
  // first and inserts nothing, then finds the first's row — instead of failing on the e-mail key.
  const [created] = await db
    .insert(users)
    .values({ ...values, email: identity.email ?? null })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const raced = await updateKnownIdentity(db, identity);
  if (raced) return raced;
  // The e-mail belongs to another Entra account (an address handed on): keep this one without it.
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoUpdate({
      target: users.aadObjectId,
      set: { displayName: identity.displayName, tenantId: identity.tenantId, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
};

/** The identity's row, refreshed: known by its Entra id, or linked by e-mail to an imported person. */
const updateKnownIdentity = async (db: Executor, identity: TeamsIdentity): Promise<UserRow | undefined> => {
  const [known] = await db
    .update(users)
    .set({ displayName: identity.displayName, tenantId: identity.tenantId, updatedAt: sql`now()` })
    .where(eq(users.aadObjectId, identity.aadObjectId))
    .returning();
  if (known || !identity.email) return known;
  const [linked] = await db
    .update(users)
    .set({ aadObjectId: identity.aadObjectId, tenantId: identity.tenantId, updatedAt: sql`now()` })
    .where(sql`lower(${users.email}) = lower(${identity.email}) and ${users.aadObjectId} is null`)
    .returning();
  return linked;
};

/** A person known only by name and e-mail (imports, demo data). Matched on e-mail, case-insensitively. */
export const upsertUserByEmail = async (
  db: Executor,
  person: { email: string; displayName: string; divisionId?: string | null },
): Promise<UserRow> => {
  const byEmail = () =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${person.email})`);
  const [existing] = await byEmail();
  if (existing) return existing;
  // Someone else may create the same person meanwhile: then this waits for them and inserts nothing.
  const [created] = await db
    .insert(users)
    .values({ email: person.email, displayName: person.displayName, divisionId: person.divisionId ?? null })
    .onConflictDoNothing()
    .returning();
  return created ?? (await byEmail())[0]!;
};

export interface NewUser {
  aadObjectId?: string | null;
  tenantId?: string | null;
  email: string;
  displayName: string;
  divisionId?: string | null;
}

/**
 * Bulk creation of people known by e-mail (demo data), without roles (setUserRoles records those).
 * Someone who already exists (same e-mail or Entra id) is left as they are; returns the rows of all
 * of them, found by e-mail.
 */
export const insertUsersIfMissing = async (db: Executor, people: NewUser[]): Promise<UserRow[]> => {
  for (const part of chunk(people)) {
    await db
      .insert(users)
      .values(
        part.map((person) => ({
          aadObjectId: person.aadObjectId ?? null,
          tenantId: person.tenantId ?? null,
          email: person.email,
          displayName: person.displayName,
          divisionId: person.divisionId ?? null,
        })),
      )
      .onConflictDoNothing();
  }
  return findUsersByEmails(
    db,
    people.map((person) => person.email),
  );
};

export const getUserById = async (db: Executor, id: string): Promise<UserRow> => {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row)
    throw new AppError('NOT_FOUND', {
      message: `User ${id} not found`,
      userMessage: '利用者が見つかりません。',
    });
  return row;
};

export const findUsersByIds = async (db: Executor, ids: string[]): Promise<UserRow[]> =>
  ids.length === 0 ? [] : db.select().from(users).where(inArray(users.id, ids));

export const findUsersByEmails = async (db: Executor, emails: string[]): Promise<UserRow[]> => {
  const found: UserRow[] = [];
  for (const part of chunk(emails, 1000)) {
    found.push(
      ...(await db
        .select()
        .from(users)
        .where(
          inArray(
            sql`lower(${users.email})`,
            part.map((email) => email.toLowerCase()),
          ),
        )),
    );
  }
  return found;
};

/** Users with exactly these display names (imports that name a person without an e-mail). */
export const findUsersByDisplayNames = async (db: Executor, names: string[]): Promise<UserRow[]> => {
  const found: UserRow[] = [];
  for (const part of chunk(names, 1000)) {
    found.push(...(await db.select().from(users).where(inArray(users.displayName, part))));
  }
  return found;
};

export const findUserByAadObjectId = async (
  db: Executor,
  aadObjectId: string,
): Promise<UserRow | undefined> => {
  const [row] = await db.select().from(users).where(eq(users.aadObjectId, aadObjectId));
  return row;
};
