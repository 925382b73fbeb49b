import { and, asc, count, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { AppError, normalizeAssignableRoles, type AssignableRole, type Role } from '#shared';
import { chunk } from '../chunk';
import { withinTransaction, type Executor, type Transaction } from '../database';
import { divisions, users, type UserRow } from '../schema/index';
import { appendRoleChange } from './role-changes-repository';

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
 * The roles the user's Entra token granted, as seen at sign-in (for the admins' overview; tokens
 * themselves authorise). Written when they changed or the last confirmation is older than
 * `entraRolesRefreshMs`, so a known user costs no write on most requests.
 */
export const entraRolesRefreshMs = 24 * 60 * 60 * 1000;

export const needsEntraRolesUpdate = (row: UserRow, granted: readonly Role[], now: Date): boolean =>
  !row.entraRolesCheckedAt ||
  now.getTime() - row.entraRolesCheckedAt.getTime() >= entraRolesRefreshMs ||
  !sameRoles(normalizeAssignableRoles(row.entraRoles), normalizeAssignableRoles(granted));

export const recordEntraRoles = async (
  db: Executor,
  id: string,
  granted: readonly Role[],
  checkedAt: Date,
): Promise<void> => {
  await db
    .update(users)
    .set({ entraRoles: normalizeAssignableRoles(granted), entraRolesCheckedAt: checkedAt })
    .where(eq(users.id, id));
};

/**
 * Users for the admins' 権限管理 page: every term in the name or e-mail, optionally holders of a role
 * (or one user by id).
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

export const findUserByAadObjectId = async (
  db: Executor,
  aadObjectId: string,
): Promise<UserRow | undefined> => {
  const [row] = await db.select().from(users).where(eq(users.aadObjectId, aadObjectId));
  return row;
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
