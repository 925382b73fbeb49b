import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../database';
import { priorityProjects, type Milestone, type PriorityProjectRow } from '../schema/index';

export interface PriorityProjectInput {
  fiscalYear: number;
  themeNo: number;
  themeTitle: string;
  itemNo: number;
  title: string;
  description: string;
  ownerDivisionId?: string | null;
  milestones?: Milestone[];
}

/** Inserts projects that do not exist yet (fiscal year + theme + item); existing ones are left as edited. */
export const insertMissingPriorityProjects = async (
  db: Executor,
  inputs: PriorityProjectInput[],
): Promise<number> => {
  if (inputs.length === 0) return 0;
  const inserted = await db
    .insert(priorityProjects)
    .values(inputs.map((input) => ({ ...input, milestones: input.milestones ?? [] })))
    .onConflictDoNothing()
    .returning({ id: priorityProjects.id });
  return inserted.length;
};

export const findPriorityProjects = async (db: Executor, fiscalYear: number): Promise<PriorityProjectRow[]> =>
  db
    .select()
    .from(priorityProjects)
    .where(eq(priorityProjects.fiscalYear, fiscalYear))
    .orderBy(asc(priorityProjects.themeNo), asc(priorityProjects.itemNo));

/** `R6-1-2` style codes → ids, for imports. */
export const findPriorityProjectByNumbers = async (
  db: Executor,
  fiscalYear: number,
  themeNo: number,
  itemNo: number,
): Promise<PriorityProjectRow | undefined> => {
  const [row] = await db
    .select()
    .from(priorityProjects)
    .where(
      and(
        eq(priorityProjects.fiscalYear, fiscalYear),
        eq(priorityProjects.themeNo, themeNo),
        eq(priorityProjects.itemNo, itemNo),
      ),
    );
  return row;
};

export const findPriorityProjectsByIds = async (
  db: Executor,
  ids: string[],
): Promise<PriorityProjectRow[]> =>
  ids.length === 0 ? [] : db.select().from(priorityProjects).where(inArray(priorityProjects.id, ids));
