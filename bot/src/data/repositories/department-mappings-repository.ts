import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { departmentMappings } from '../schema/index';

/** A merged division's mappings name the survivor instead; returns how many moved. */
export const moveMappingsToDivision = async (db: Executor, fromId: string, intoId: string): Promise<number> =>
  (
    await db
      .update(departmentMappings)
      .set({ divisionId: intoId, updatedAt: sql`now()` })
      .where(eq(departmentMappings.divisionId, fromId))
      .returning({ id: departmentMappings.id })
  ).length;
