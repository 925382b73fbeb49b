import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { answerTemplates, type AnswerTemplateRow } from '../schema/index';

/** In use first, then by title; retired ones only when asked for. */
export const findAnswerTemplates = async (
  db: Executor,
  options: { includeRetired: boolean },
): Promise<AnswerTemplateRow[]> =>
  db
    .select()
    .from(answerTemplates)
    .where(options.includeRetired ? undefined : eq(answerTemplates.isActive, true))
    .orderBy(desc(answerTemplates.isActive), asc(answerTemplates.title), asc(answerTemplates.id));

export const insertAnswerTemplate = async (
  db: Executor,
  values: { title: string; body: string },
): Promise<AnswerTemplateRow> => {
  const [row] = await db.insert(answerTemplates).values(values).returning();
  return row!;
};

/** The row locked until the transaction ends (an update compares its version first). */
export const lockAnswerTemplate = async (
  db: Executor,
  id: string,
): Promise<AnswerTemplateRow | undefined> => {
  const [row] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id)).for('update');
  return row;
};

export const updateAnswerTemplate = async (
  db: Executor,
  id: string,
  patch: Partial<Pick<AnswerTemplateRow, 'title' | 'body' | 'isActive'>>,
): Promise<AnswerTemplateRow> => {
  const [row] = await db
    .update(answerTemplates)
    .set({ ...patch, version: sql`${answerTemplates.version} + 1`, updatedAt: sql`now()` })
    .where(eq(answerTemplates.id, id))
    .returning();
  return row!;
};
