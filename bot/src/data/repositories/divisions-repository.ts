import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database';
import { divisions, type DivisionRow } from '../schema/index';

export interface DivisionInput {
  code?: string;
  name: string;
  department?: string | null;
  sortOrder?: number;
}

/** Creates the divisions that do not exist yet (by name) and returns name → id for all of them. */
export const ensureDivisions = async (
  db: Executor,
  inputs: DivisionInput[],
): Promise<Map<string, string>> => {
  const unique = [...new Map(inputs.map((input) => [input.name, input])).values()];
  if (unique.length === 0) return new Map();
  await db
    .insert(divisions)
    .values(
      unique.map((input) => ({
        code: input.code ?? input.name,
        name: input.name,
        department: input.department ?? null,
        sortOrder: input.sortOrder ?? 0,
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(
      inArray(
        divisions.name,
        unique.map((input) => input.name),
      ),
    );
  return new Map(rows.map((row) => [row.name, row.id]));
};

export const findDivisions = async (db: Executor): Promise<DivisionRow[]> =>
  db
    .select()
    .from(divisions)
    .where(eq(divisions.isActive, true))
    .orderBy(asc(divisions.sortOrder), asc(divisions.name));

export const findDivisionsByNames = async (db: Executor, names: string[]): Promise<Map<string, string>> => {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(inArray(divisions.name, names));
  return new Map(rows.map((row) => [row.name, row.id]));
};
