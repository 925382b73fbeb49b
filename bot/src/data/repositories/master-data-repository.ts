// 分類 (proposal categories) and スタンプ種別 (stamp kinds): the lists the office manages. Reads for
// forms, filters, cards, CSV and the dashboard; writes for the master-data service, which records
// each change in master_data_changes in the same transaction.
import { asc, eq, sql } from 'drizzle-orm';
import type { ProposalCategoryDto, StampKind } from '#shared';
import type { Executor } from '../database';
import { proposalCategories, stampKinds } from '../schema/index';

const categoryOf = (row: typeof proposalCategories.$inferSelect): ProposalCategoryDto => ({
  code: row.code,
  label: row.label,
  isActive: row.isActive,
  sortOrder: row.sortOrder,
});

/** Every category, retired ones included, in the office's order. */
export const findCategories = async (db: Executor): Promise<ProposalCategoryDto[]> =>
  (
    await db
      .select()
      .from(proposalCategories)
      .orderBy(asc(proposalCategories.sortOrder), asc(proposalCategories.code))
  ).map(categoryOf);

export const findCategory = async (db: Executor, code: string): Promise<ProposalCategoryDto | undefined> => {
  const [row] = await db.select().from(proposalCategories).where(eq(proposalCategories.code, code));
  return row && categoryOf(row);
};

/** Inserts the categories that do not exist yet; those the office edited or retired stay as they are. */
export const insertMissingCategories = async (
  db: Executor,
  categories: readonly Omit<ProposalCategoryDto, 'isActive'>[],
): Promise<void> => {
  if (categories.length === 0) return;
  await db
    .insert(proposalCategories)
    .values([...categories])
    .onConflictDoNothing();
};

/** A new category at the end of the list; undefined when the code or the label is taken. */
export const insertCategory = async (
  db: Executor,
  category: { code: string; label: string },
): Promise<ProposalCategoryDto | undefined> => {
  const [row] = await db
    .insert(proposalCategories)
    .values({
      ...category,
      sortOrder: sql`(select coalesce(max(${proposalCategories.sortOrder}), 0) + 10 from ${proposalCategories})`,
    })
    .onConflictDoNothing()
    .returning();
  return row && categoryOf(row);
};

export const updateCategory = async (
  db: Executor,
  code: string,
  patch: Partial<Pick<ProposalCategoryDto, 'label' | 'isActive' | 'sortOrder'>>,
): Promise<ProposalCategoryDto | undefined> => {
  const [row] = await db
    .update(proposalCategories)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(proposalCategories.code, code))
    .returning();
  return row && categoryOf(row);
};

/** Locks the list's rows for a reorder, so two reorders do not interleave. */
export const lockCategories = async (db: Executor): Promise<ProposalCategoryDto[]> =>
  (
    await db
      .select()
      .from(proposalCategories)
      .orderBy(asc(proposalCategories.sortOrder), asc(proposalCategories.code))
      .for('update')
  ).map(categoryOf);

const stampKindOf = (row: typeof stampKinds.$inferSelect): StampKind => ({
  code: row.code,
  label: row.label,
  emoji: row.emoji,
  purpose: row.purpose,
  isActive: row.isActive,
  sortOrder: row.sortOrder,
});

export const findStampKind = async (db: Executor, code: string): Promise<StampKind | undefined> => {
  const [row] = await db.select().from(stampKinds).where(eq(stampKinds.code, code));
  return row && stampKindOf(row);
};

export const lockStampKinds = async (db: Executor): Promise<StampKind[]> =>
  (
    await db.select().from(stampKinds).orderBy(asc(stampKinds.sortOrder), asc(stampKinds.code)).for('update')
  ).map(stampKindOf);

/** A new kind at the end of the list; undefined when the code is taken. */
export const insertStampKind = async (
  db: Executor,
  kind: Pick<StampKind, 'code' | 'label' | 'emoji' | 'purpose'>,
): Promise<StampKind | undefined> => {
  const [row] = await db
    .insert(stampKinds)
    .values({
      ...kind,
      sortOrder: sql`(select coalesce(max(${stampKinds.sortOrder}), 0) + 10 from ${stampKinds})`,
    })
    .onConflictDoNothing()
    .returning();
  return row && stampKindOf(row);
};

export const updateStampKind = async (
  db: Executor,
  code: string,
  patch: Partial<Pick<StampKind, 'label' | 'emoji' | 'purpose' | 'isActive' | 'sortOrder'>>,
): Promise<StampKind | undefined> => {
  const [row] = await db
    .update(stampKinds)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(stampKinds.code, code))
    .returning();
  return row && stampKindOf(row);
};
