import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { AppError, type Role } from '#shared';
import { chunk } from '../chunk';
import type { Executor } from '../database';
import { divisions, users, type UserRow } from '../schema/index';

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
  const [known] = await db
    .update(users)
    .set({ displayName: identity.displayName, tenantId: identity.tenantId, updatedAt: sql`now()` })
    .where(eq(users.aadObjectId, identity.aadObjectId))
    .returning();
  if (known) return known;
  if (identity.email) {
    const [linked] = await db
      .update(users)
      .set({ aadObjectId: identity.aadObjectId, tenantId: identity.tenantId, updatedAt: sql`now()` })
      .where(sql`lower(${users.email}) = lower(${identity.email}) and ${users.aadObjectId} is null`)
      .returning();
    if (linked) return linked;
  }
  const [row] = await db
    .insert(users)
    .values({
      aadObjectId: identity.aadObjectId,
      tenantId: identity.tenantId,
      displayName: identity.displayName,
      email: identity.email ?? null,
    })
    .onConflictDoUpdate({
      target: users.aadObjectId,
      set: { displayName: identity.displayName, tenantId: identity.tenantId, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
};

/** A person known only by name and e-mail (imports, demo data). Matched on e-mail, case-insensitively. */
export const upsertUserByEmail = async (
  db: Executor,
  person: { email: string; displayName: string; divisionId?: string | null },
): Promise<UserRow> => {
  const [existing] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${person.email})`);
  if (existing) return existing;
  const [row] = await db
    .insert(users)
    .values({ email: person.email, displayName: person.displayName, divisionId: person.divisionId ?? null })
    .returning();
  return row!;
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

export interface NewUser {
  aadObjectId?: string | null;
  tenantId?: string | null;
  email: string;
  displayName: string;
  divisionId?: string | null;
  roles?: Role[];
}

/**
 * Bulk creation of people known by e-mail (demo data). Someone who already exists (same e-mail or
 * Entra id) is left as they are; returns the rows of all of them, found by e-mail.
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
          roles: (person.roles ?? []).filter((role) => role !== 'staff'),
        })),
      )
      .onConflictDoNothing();
  }
  return findUsersByEmails(
    db,
    people.map((person) => person.email),
  );
};

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

export const setUserRoles = async (db: Executor, id: string, roles: Role[]): Promise<void> => {
  const extra = roles.filter((role) => role !== 'staff');
  await db
    .update(users)
    .set({ roles: extra, updatedAt: sql`now()` })
    .where(eq(users.id, id));
};

export const findUserByAadObjectId = async (
  db: Executor,
  aadObjectId: string,
): Promise<UserRow | undefined> => {
  const [row] = await db.select().from(users).where(eq(users.aadObjectId, aadObjectId));
  return row;
};

/**
 * Users for Entra object ids (from the Teams people picker), creating a placeholder for anyone not
 * seen yet: their name is filled in when they first use the app.
 */
export const ensureUsersByAadObjectIds = async (
  db: Executor,
  aadObjectIds: string[],
  placeholderName: string,
): Promise<UserRow[]> => {
  if (aadObjectIds.length === 0) return [];
  await db
    .insert(users)
    .values(aadObjectIds.map((aadObjectId) => ({ aadObjectId, displayName: placeholderName })))
    .onConflictDoNothing();
  return db.select().from(users).where(inArray(users.aadObjectId, aadObjectIds));
};

export const markDivisionChecked = async (
  db: Executor,
  id: string,
  divisionId: string | null,
  checkedAt: Date,
): Promise<void> => {
  await db
    .update(users)
    .set({ divisionId, divisionCheckedAt: checkedAt, updatedAt: sql`now()` })
    .where(eq(users.id, id));
};

/**
 * The directory was asked for a user without a division: records when, and the division it named
 * (if any) unless the user picked one meanwhile.
 */
export const fillMissingDivision = async (
  db: Executor,
  id: string,
  divisionId: string | null,
  checkedAt: Date,
): Promise<void> => {
  await db
    .update(users)
    .set({
      divisionId: sql`coalesce(${users.divisionId}, ${divisionId}::uuid)`,
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
