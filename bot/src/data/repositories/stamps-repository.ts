import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid, type StampKind } from '#shared';
import { chunk } from '../chunk';
import type { Executor } from '../database';
import { stampKinds, stamps, users } from '../schema/index';

/** Inserts the kinds that do not exist yet; kinds the office edited or retired stay as they are. */
export const insertMissingStampKinds = async (db: Executor, kinds: readonly StampKind[]): Promise<void> => {
  if (kinds.length === 0) return;
  await db
    .insert(stampKinds)
    .values([...kinds])
    .onConflictDoNothing();
};

export const findStampKinds = async (db: Executor): Promise<StampKind[]> => {
  const rows = await db.select().from(stampKinds).orderBy(asc(stampKinds.sortOrder), asc(stampKinds.code));
  return rows.map((row) => ({
    code: row.code,
    label: row.label,
    emoji: row.emoji,
    purpose: row.purpose,
    isActive: row.isActive,
    sortOrder: row.sortOrder,
  }));
};

export type NewStampRow = typeof stamps.$inferInsert;

/** Inserts stamps in chunks; a row already stored (same request and recipient) is skipped. */
export const insertStamps = async (db: Executor, rows: NewStampRow[]): Promise<number> => {
  let count = 0;
  for (const part of chunk(rows)) {
    const inserted = await db.insert(stamps).values(part).onConflictDoNothing().returning({ id: stamps.id });
    count += inserted.length;
  }
  return count;
};

/**
 * Stores one send's stamps (one per recipient) and answers every stamp of the sender's request: one
 * statement for a new send; a retried one (rows already there) reads them back.
 */
export const storeStampsOfRequest = async (
  db: Executor,
  request: { senderId: string; requestId: string },
  rows: NewStampRow[],
) => {
  const inserted = await db.insert(stamps).values(rows).onConflictDoNothing().returning();
  if (inserted.length === rows.length) return inserted;
  return db
    .select()
    .from(stamps)
    .where(and(eq(stamps.senderId, request.senderId), eq(stamps.requestId, request.requestId)));
};

/** Whether this sender's request was stored already (a retry). */
export const hasStampRequest = async (
  db: Executor,
  senderId: string,
  requestId: string,
): Promise<boolean> => {
  const [row] = await db
    .select({ id: stamps.id })
    .from(stamps)
    .where(and(eq(stamps.senderId, senderId), eq(stamps.requestId, requestId)))
    .limit(1);
  return row !== undefined;
};

export const findStampById = async (db: Executor, id: string) => {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(stamps).where(eq(stamps.id, id));
  return row;
};

export interface ProposalStampRow {
  id: string;
  kindCode: string;
  senderId: string;
  senderName: string;
  recipientId: string;
  recipientName: string;
  message: string | null;
  sentAt: Date;
}

/** The stamps that refer to a proposal, newest first (stamps_proposal_id_idx), with both names. */
export const findStampsOfProposal = async (
  db: Executor,
  proposalId: string,
  limit: number,
): Promise<{ rows: ProposalStampRow[]; total: number }> => {
  const sender = alias(users, 'sender');
  const recipient = alias(users, 'recipient');
  const rows = await db
    .select({
      id: stamps.id,
      kindCode: stamps.kindCode,
      senderId: stamps.senderId,
      senderName: sender.displayName,
      recipientId: stamps.recipientId,
      recipientName: recipient.displayName,
      message: stamps.message,
      sentAt: stamps.sentAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(stamps)
    .innerJoin(sender, eq(sender.id, stamps.senderId))
    .innerJoin(recipient, eq(recipient.id, stamps.recipientId))
    .where(eq(stamps.proposalId, proposalId))
    .orderBy(desc(stamps.sentAt), asc(stamps.id))
    .limit(limit);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
};

/**
 * The demo's 「この提案について」: each thanks stamp sent after one of its sender's own proposals was
 * realised (and published) refers to the latest such proposal. One statement; counts unchanged.
 */
export const linkThanksToOwnRealisedProposals = async (db: Executor): Promise<void> => {
  await db.execute(sql`
    update stamps set proposal_id = pick.proposal_id
    from (
      select distinct on (s.id) s.id as stamp_id, p.id as proposal_id
      from stamps s
      join proposals p on p.proposer_id = s.sender_id and p.status = 'realised' and p.is_published
        and p.realised_at <= s.sent_at
      where s.kind_code = 'thanks'
      order by s.id, p.realised_at desc
    ) pick
    where stamps.id = pick.stamp_id`);
};
