import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DepartmentMappingState } from '#shared';
import type { Executor, Transaction } from '../database';
import {
  departmentMappings,
  directorySyncState,
  divisions,
  users,
  type DepartmentMappingRow,
} from '../schema/index';

/** A merged division's mappings name the survivor instead; returns how many moved. */
export const moveMappingsToDivision = async (db: Executor, fromId: string, intoId: string): Promise<number> =>
  (
    await db
      .update(departmentMappings)
      .set({ divisionId: intoId, updatedAt: sql`now()` })
      .where(eq(departmentMappings.divisionId, fromId))
      .returning({ id: departmentMappings.id })
  ).length;

export const findMappingsByNames = async (
  db: Executor,
  names: string[],
): Promise<Map<string, DepartmentMappingRow>> => {
  if (names.length === 0) return new Map();
  const rows = await db
    .select()
    .from(departmentMappings)
    .where(inArray(departmentMappings.departmentName, names));
  return new Map(rows.map((row) => [row.departmentName, row]));
};

/** Adds the names not seen before (as given: `pending`, or `mapped` to a division); returns those added. */
export const insertMappingsIfMissing = async (
  db: Executor,
  rows: {
    departmentName: string;
    state: DepartmentMappingState;
    divisionId: string | null;
    lastSeenAt: Date;
  }[],
): Promise<DepartmentMappingRow[]> =>
  rows.length === 0 ? [] : db.insert(departmentMappings).values(rows).onConflictDoNothing().returning();

/** The names' user counts (people whose directory department it is) and when they were last seen. */
export const refreshMappingCounts = async (db: Executor, names: string[], seenAt: Date): Promise<void> => {
  if (names.length === 0) return;
  await db
    .update(departmentMappings)
    .set({
      userCount: sql`(select count(*)::int from ${users} where ${users.directoryDepartment} = ${departmentMappings.departmentName})`,
      lastSeenAt: seenAt,
      updatedAt: sql`now()`,
    })
    .where(inArray(departmentMappings.departmentName, names));
};

/** Every mapping with its division's name: names waiting for review first, then by name. */
export const findAllMappings = async (db: Executor) =>
  db
    .select({ mapping: departmentMappings, divisionName: divisions.name })
    .from(departmentMappings)
    .leftJoin(divisions, eq(divisions.id, departmentMappings.divisionId))
    .orderBy(sql`(${departmentMappings.state} = 'pending') desc`, asc(departmentMappings.departmentName));

export const lockMapping = async (tx: Transaction, id: string): Promise<DepartmentMappingRow | undefined> =>
  (await tx.select().from(departmentMappings).where(eq(departmentMappings.id, id)).for('update'))[0];

export const updateMapping = async (
  db: Executor,
  id: string,
  patch: { state: DepartmentMappingState; divisionId: string | null },
): Promise<DepartmentMappingRow> =>
  (
    await db
      .update(departmentMappings)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(departmentMappings.id, id))
      .returning()
  )[0]!;

/**
 * The people whose directory department is `name` and whose division the mapping may set: those with
 * none, or with the division the name was mapped to before (not one an admin chose by hand).
 */
export const findUsersWaitingForMapping = async (
  db: Executor,
  name: string,
  previousDivisionId: string | null,
) =>
  db
    .select({ id: users.id, divisionId: users.divisionId })
    .from(users)
    .where(
      and(
        eq(users.directoryDepartment, name),
        previousDivisionId
          ? or(isNull(users.divisionId), eq(users.divisionId, previousDivisionId))
          : isNull(users.divisionId),
      ),
    );

export const getSyncState = async (db: Executor, name: string) =>
  (await db.select().from(directorySyncState).where(eq(directorySyncState.name, name)))[0];

export const saveSyncState = async (
  db: Executor,
  name: string,
  state: { deltaLink: string | null; lastRunAt: Date; lastResult: string },
): Promise<void> => {
  await db
    .insert(directorySyncState)
    .values({ name, ...state })
    .onConflictDoUpdate({ target: directorySyncState.name, set: { ...state, updatedAt: sql`now()` } });
};
