import { and, eq, lte, sql } from 'drizzle-orm';
import type { BlockReason } from '#shared';
import type { Executor } from '../database';
import { proposals } from '../schema/index';

export interface DueRevisit {
  id: string;
  number: string;
  title: string;
  revisitOn: string;
  blockReason: BlockReason;
  /** The 所管課, whose liaisons hear of it too. */
  responsibleDivisionId: string | null;
}

/**
 * 「その他」 proposals whose 再検討時期 is on or before `today` and not yet announced for that date,
 * marked announced in the same statement (row locks: a run that raced this one finds them marked).
 * The marker is the job's, not an edit: version and updated_at stay.
 */
export const claimDueRevisits = async (db: Executor, today: string): Promise<DueRevisit[]> => {
  const rows = await db
    .update(proposals)
    .set({ revisitAnnouncedOn: sql`${proposals.revisitOn}` })
    .where(
      and(
        eq(proposals.status, 'blocked'),
        lte(proposals.revisitOn, today),
        sql`${proposals.revisitAnnouncedOn} is distinct from ${proposals.revisitOn}`,
      ),
    )
    .returning({
      id: proposals.id,
      number: proposals.number,
      title: proposals.title,
      revisitOn: proposals.revisitOn,
      blockReason: proposals.blockReason,
      responsibleDivisionId: proposals.responsibleDivisionId,
    });
  return rows
    .map((row) => ({ ...row, revisitOn: row.revisitOn!, blockReason: row.blockReason! }))
    .sort((a, b) => a.revisitOn.localeCompare(b.revisitOn) || a.number.localeCompare(b.number));
};
