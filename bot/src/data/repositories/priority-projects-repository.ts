import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isUuid } from '#shared';
import type { Executor } from '../database';
import { divisions, priorityProjects, type Milestone, type PriorityProjectRow } from '../schema/index';
import { linkedProposalCountSql } from './dashboard-repository';
import type { ProposalVisibility } from './proposal-list-filter';

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

/** The fiscal years that have projects. */
export const findProjectFiscalYears = async (db: Executor): Promise<number[]> =>
  (await db.selectDistinct({ fiscalYear: priorityProjects.fiscalYear }).from(priorityProjects)).map(
    (row) => row.fiscalYear,
  );

export const findPriorityProjectsByIds = async (
  db: Executor,
  ids: string[],
): Promise<PriorityProjectRow[]> =>
  ids.length === 0 ? [] : db.select().from(priorityProjects).where(inArray(priorityProjects.id, ids));

export interface PriorityProjectView extends PriorityProjectRow {
  ownerDivisionName: string | null;
  /** Linked proposals that count (withdrawn and merged left out). */
  linkedProposalCount: number;
}

/** Absent `visibleTo`: every linked proposal counts (the office's view). */
const projectViewColumns = (visibleTo: ProposalVisibility | undefined) => ({
  project: priorityProjects,
  ownerDivisionName: divisions.name,
  linkedProposalCount: linkedProposalCountSql(visibleTo),
});

const toView = (row: {
  project: PriorityProjectRow;
  ownerDivisionName: string | null;
  linkedProposalCount: number;
}): PriorityProjectView => ({
  ...row.project,
  ownerDivisionName: row.ownerDivisionName,
  linkedProposalCount: Number(row.linkedProposalCount),
});

/** A fiscal year's projects in plan order, with owner division and linked proposal count. */
export const findPriorityProjectViews = async (
  db: Executor,
  fiscalYear: number,
  visibleTo?: ProposalVisibility,
): Promise<PriorityProjectView[]> => {
  const rows = await db
    .select(projectViewColumns(visibleTo))
    .from(priorityProjects)
    .leftJoin(divisions, eq(divisions.id, priorityProjects.ownerDivisionId))
    .where(eq(priorityProjects.fiscalYear, fiscalYear))
    .orderBy(asc(priorityProjects.themeNo), asc(priorityProjects.itemNo));
  return rows.map(toView);
};

export const findPriorityProjectView = async (
  db: Executor,
  id: string,
  visibleTo?: ProposalVisibility,
): Promise<PriorityProjectView | undefined> => {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(projectViewColumns(visibleTo))
    .from(priorityProjects)
    .leftJoin(divisions, eq(divisions.id, priorityProjects.ownerDivisionId))
    .where(eq(priorityProjects.id, id));
  return row && toView(row);
};

/** The row locked for the rest of the transaction (progress updates serialise on it). */
export const lockPriorityProject = async (
  db: Executor,
  id: string,
): Promise<PriorityProjectRow | undefined> => {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(priorityProjects).where(eq(priorityProjects.id, id)).for('update');
  return row;
};

export const insertPriorityProject = async (
  db: Executor,
  input: PriorityProjectInput,
): Promise<PriorityProjectRow> => {
  const [row] = await db
    .insert(priorityProjects)
    .values({ ...input, milestones: input.milestones ?? [] })
    .returning();
  return row!;
};

export type PriorityProjectPatch = Partial<
  Pick<
    PriorityProjectRow,
    'themeTitle' | 'title' | 'description' | 'ownerDivisionId' | 'milestones' | 'status' | 'progress'
  >
>;

/** Applies the patch only when the row still has `expectedVersion`; undefined means someone was first. */
export const updatePriorityProjectIfVersion = async (
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: PriorityProjectPatch,
): Promise<PriorityProjectRow | undefined> => {
  const [row] = await db
    .update(priorityProjects)
    .set({ ...patch, version: sql`${priorityProjects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(priorityProjects.id, id), eq(priorityProjects.version, expectedVersion)))
    .returning();
  return row;
};
