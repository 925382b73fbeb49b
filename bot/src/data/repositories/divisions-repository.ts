import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DivisionKind } from '#shared';
import { queryRows, type Executor, type Transaction } from '../database';
import {
  divisions,
  priorityProjects,
  proposalAdoptions,
  proposals,
  stamps,
  users,
  type DivisionRow,
} from '../schema/index';

export interface DivisionInput {
  code?: string;
  name: string;
  kind?: DivisionKind;
  parentId?: string | null;
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
        kind: input.kind ?? 'division',
        parentId: input.parentId ?? null,
        sortOrder: input.sortOrder ?? 0,
      })),
    )
    .onConflictDoNothing();
  return findDivisionsByNames(
    db,
    unique.map((input) => input.name),
  );
};

/** The active divisions: what people and proposals may be assigned to. */
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

export const findDivisionById = async (db: Executor, id: string): Promise<DivisionRow | undefined> =>
  (await db.select().from(divisions).where(eq(divisions.id, id)))[0];

const parents = alias(divisions, 'parents');
const survivors = alias(divisions, 'survivors');

/** Every division, retired ones too, with its parent, its successor and its current members. */
export const findOrganisation = async (db: Executor) => {
  const members = db
    .select({ divisionId: users.divisionId, n: count().as('n') })
    .from(users)
    .where(isNotNull(users.divisionId))
    .groupBy(users.divisionId)
    .as('members');
  return db
    .select({
      division: divisions,
      parentName: parents.name,
      mergedIntoName: survivors.name,
      userCount: sql<number>`coalesce(${members.n}, 0)::int`,
    })
    .from(divisions)
    .leftJoin(parents, eq(parents.id, divisions.parentId))
    .leftJoin(survivors, eq(survivors.id, divisions.mergedIntoId))
    .leftJoin(members, eq(members.divisionId, divisions.id))
    .orderBy(asc(divisions.sortOrder), asc(divisions.name));
};

/** Locks the divisions until the transaction ends (in id order, so two changes never deadlock). */
export const lockDivisions = async (tx: Transaction, ids: string[]): Promise<Map<string, DivisionRow>> => {
  const rows = await tx
    .select()
    .from(divisions)
    .where(inArray(divisions.id, ids))
    .orderBy(asc(divisions.id))
    .for('update');
  return new Map(rows.map((row) => [row.id, row]));
};

/** Whether another division (than `exceptId`) already has this code or name. */
export const findDivisionClash = async (
  db: Executor,
  fields: { code?: string | undefined; name?: string | undefined },
  exceptId?: string,
): Promise<'code' | 'name' | undefined> => {
  const rows = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(
      and(
        sql`(${divisions.code} = ${fields.code ?? null} or ${divisions.name} = ${fields.name ?? null})`,
        exceptId ? sql`${divisions.id} <> ${exceptId}` : undefined,
      ),
    );
  if (rows.some((row) => row.code === fields.code)) return 'code';
  return rows.some((row) => row.name === fields.name) ? 'name' : undefined;
};

export type DivisionFields = Pick<
  DivisionRow,
  'code' | 'name' | 'kind' | 'parentId' | 'sortOrder' | 'isActive'
>;

export const insertDivision = async (db: Executor, fields: DivisionFields): Promise<DivisionRow> =>
  (await db.insert(divisions).values(fields).returning())[0]!;

export const updateDivision = async (
  db: Executor,
  id: string,
  patch: Partial<DivisionFields> & { mergedIntoId?: string | null },
): Promise<DivisionRow> =>
  (
    await db
      .update(divisions)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(divisions.id, id))
      .returning()
  )[0]!;

/** The ids of a division's ancestors, nearest first (to refuse a parent that would make a cycle). */
export const findAncestorIds = async (db: Executor, id: string): Promise<string[]> => {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive up(id, depth) as (
      select parent_id, 1 from divisions where id = ${id} and parent_id is not null
      union all
      select d.parent_id, up.depth + 1 from divisions d join up on d.id = up.id
      where d.parent_id is not null and up.depth < 50
    )
    select id from up order by depth`,
  );
  return rows.map((row) => row.id);
};

/**
 * Moves every reference of division `fromId` to `intoId` (people, proposals, stamps, projects,
 * child divisions) and returns how many rows of each moved. The dashboard counts follow through
 * their triggers in the same transaction.
 */
export const moveDivisionReferences = async (
  tx: Transaction,
  fromId: string,
  intoId: string,
): Promise<Record<string, number>> => {
  const moved: Record<string, number> = {};
  const move = async (name: string, run: () => Promise<{ id: string }[]>) => {
    moved[name] = (await run()).length;
  };
  const ids = { id: sql<string>`id` };
  await move('users', () =>
    tx.update(users).set({ divisionId: intoId }).where(eq(users.divisionId, fromId)).returning(ids),
  );
  await move('proposerDivision', () =>
    tx
      .update(proposals)
      .set({ proposerDivisionId: intoId })
      .where(eq(proposals.proposerDivisionId, fromId))
      .returning(ids),
  );
  await move('responsibleDivision', () =>
    tx
      .update(proposals)
      .set({ responsibleDivisionId: intoId })
      .where(eq(proposals.responsibleDivisionId, fromId))
      .returning(ids),
  );
  await move('stampSenderDivision', () =>
    tx
      .update(stamps)
      .set({ senderDivisionId: intoId })
      .where(eq(stamps.senderDivisionId, fromId))
      .returning(ids),
  );
  await move('stampRecipientDivision', () =>
    tx
      .update(stamps)
      .set({ recipientDivisionId: intoId })
      .where(eq(stamps.recipientDivisionId, fromId))
      .returning(ids),
  );
  await move('priorityProjects', () =>
    tx
      .update(priorityProjects)
      .set({ ownerDivisionId: intoId })
      .where(eq(priorityProjects.ownerDivisionId, fromId))
      .returning(ids),
  );
  // 横展開: the successor keeps its own record where both divisions recorded the same proposal.
  await move('adoptionsDropped', () =>
    tx
      .delete(proposalAdoptions)
      .where(
        and(
          eq(proposalAdoptions.divisionId, fromId),
          sql`exists (select 1 from proposal_adoptions kept where kept.division_id = ${intoId}::uuid and kept.proposal_id = ${proposalAdoptions.proposalId})`,
        ),
      )
      .returning(ids),
  );
  await move('adoptions', () =>
    tx
      .update(proposalAdoptions)
      .set({ divisionId: intoId })
      .where(eq(proposalAdoptions.divisionId, fromId))
      .returning(ids),
  );
  await move('childDivisions', () =>
    tx.update(divisions).set({ parentId: intoId }).where(eq(divisions.parentId, fromId)).returning(ids),
  );
  return moved;
};

/** Every division, locked until the transaction ends (an import rewrites the organisation as a whole). */
export const lockAllDivisions = async (tx: Transaction): Promise<DivisionRow[]> =>
  tx.select().from(divisions).orderBy(asc(divisions.id)).for('update');
