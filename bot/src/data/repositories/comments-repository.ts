import { isUuid } from '#shared';
import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../database';
import {
  commentModerationLog,
  commentReports,
  proposalComments,
  proposals,
  users,
  type CommentModerationAction,
  type ProposalCommentRow,
} from '../schema/index';

/**
 * Comments on proposals, their reports (通報) and the moderation audit log. Every query is an index
 * range: a proposal's comments by (proposal_id, created_at), a person's recent comments and reports
 * by (author/reporter, created_at), open reports by the partial index on unresolved rows.
 */
export interface CommentWithAuthor extends ProposalCommentRow {
  authorName: string;
  reportedByViewer: boolean;
}

const commentColumns = {
  id: proposalComments.id,
  proposalId: proposalComments.proposalId,
  authorId: proposalComments.authorId,
  body: proposalComments.body,
  createdAt: proposalComments.createdAt,
  hiddenAt: proposalComments.hiddenAt,
  hiddenBy: proposalComments.hiddenBy,
  hiddenReason: proposalComments.hiddenReason,
};

const reportedBy = (viewerId: string) =>
  sql<boolean>`exists (select 1 from ${commentReports} where ${commentReports.commentId} = ${proposalComments.id} and ${commentReports.reporterId} = ${viewerId})`;

/** Comments (with their authors' names) by id; malformed ids find nothing. */
export const findCommentsByIds = async (
  db: Executor,
  ids: readonly string[],
  viewerId: string,
): Promise<CommentWithAuthor[]> => {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ ...commentColumns, authorName: users.displayName, reportedByViewer: reportedBy(viewerId) })
    .from(proposalComments)
    .innerJoin(users, eq(users.id, proposalComments.authorId))
    .where(inArray(proposalComments.id, valid));
};

/** Locks a comment's row for a change (hiding, dismissing) in the caller's transaction. */
export const lockComment = async (tx: Executor, id: string): Promise<ProposalCommentRow | undefined> => {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(proposalComments).where(eq(proposalComments.id, id)).for('update');
  return row;
};

/**
 * The statements of the hot paths, unexecuted (the query-plan test EXPLAINs them): a proposal's latest
 * comments, and one person's recent comments and reports (the limits).
 */
export const commentQueries = {
  latestOfProposal: (
    db: Executor,
    proposalId: string,
    { viewerId, limit }: { viewerId: string; limit: number },
  ) =>
    db
      .select({ ...commentColumns, authorName: users.displayName, reportedByViewer: reportedBy(viewerId) })
      .from(proposalComments)
      .innerJoin(users, eq(users.id, proposalComments.authorId))
      .where(eq(proposalComments.proposalId, proposalId))
      .orderBy(desc(proposalComments.createdAt), desc(proposalComments.id))
      .limit(limit),
  commentsSince: (db: Executor, authorId: string, since: Date) =>
    db
      .select({ total: count() })
      .from(proposalComments)
      .where(and(eq(proposalComments.authorId, authorId), gt(proposalComments.createdAt, since))),
  reportsSince: (db: Executor, reporterId: string, since: Date) =>
    db
      .select({ total: count() })
      .from(commentReports)
      .where(and(eq(commentReports.reporterId, reporterId), gt(commentReports.createdAt, since))),
};

/** The latest `limit` comments of a proposal, oldest first, and how many it has in all. */
export const findProposalComments = async (
  db: Executor,
  proposalId: string,
  options: { viewerId: string; limit: number },
): Promise<{ rows: CommentWithAuthor[]; total: number }> => {
  const rows = await commentQueries.latestOfProposal(db, proposalId, options);
  const total =
    rows.length < options.limit
      ? rows.length
      : ((
          await db
            .select({ total: count() })
            .from(proposalComments)
            .where(eq(proposalComments.proposalId, proposalId))
        )[0]?.total ?? 0);
  return { rows: rows.reverse(), total };
};

export const insertComment = async (
  tx: Executor,
  values: { proposalId: string; authorId: string; body: string; createdAt: Date },
): Promise<ProposalCommentRow> => {
  const [row] = await tx.insert(proposalComments).values(values).returning();
  return row!;
};

/** Hides a comment that is not hidden yet: the body is cleared (the audit log keeps it). */
export const markCommentHidden = async (
  tx: Executor,
  id: string,
  { hiddenBy, reason, at }: { hiddenBy: string; reason: string; at: Date },
): Promise<boolean> => {
  const updated = await tx
    .update(proposalComments)
    .set({ body: null, hiddenAt: at, hiddenBy, hiddenReason: reason })
    .where(and(eq(proposalComments.id, id), isNull(proposalComments.hiddenAt)))
    .returning({ id: proposalComments.id });
  return updated.length > 0;
};

export const appendModerationEntry = async (
  tx: Executor,
  entry: {
    commentId: string;
    action: CommentModerationAction;
    actorId: string;
    reason: string | null;
    body: string | null;
    createdAt: Date;
  },
): Promise<number> => {
  const [row] = await tx
    .insert(commentModerationLog)
    .values(entry)
    .returning({ id: commentModerationLog.id });
  return row!.id;
};

const hiders = alias(users, 'hiders');

/** The hiding entry of each hidden comment (its body as it was, who hid it), by comment id. */
export const findHidings = async (
  db: Executor,
  commentIds: readonly string[],
): Promise<Map<string, { body: string | null; actorId: string; actorName: string }>> => {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .select({
      commentId: commentModerationLog.commentId,
      body: commentModerationLog.body,
      actorId: commentModerationLog.actorId,
      actorName: hiders.displayName,
    })
    .from(commentModerationLog)
    .innerJoin(hiders, eq(hiders.id, commentModerationLog.actorId))
    .where(
      and(
        inArray(commentModerationLog.commentId, [...commentIds]),
        eq(commentModerationLog.action, 'hidden'),
      ),
    )
    .orderBy(asc(commentModerationLog.createdAt));
  return new Map(rows.map(({ commentId, ...rest }) => [commentId, rest]));
};

/** The moderation entries of a comment, oldest first (the audit trail as the office reads it). */
export const findModerationEntries = async (db: Executor, commentId: string) =>
  db
    .select()
    .from(commentModerationLog)
    .where(eq(commentModerationLog.commentId, commentId))
    .orderBy(asc(commentModerationLog.createdAt), asc(commentModerationLog.id));

/** A person's report of a comment; false when they had reported it already. */
export const insertReport = async (
  tx: Executor,
  values: { commentId: string; reporterId: string; reason: string; createdAt: Date },
): Promise<boolean> => {
  const inserted = await tx
    .insert(commentReports)
    .values(values)
    .onConflictDoNothing({ target: [commentReports.commentId, commentReports.reporterId] })
    .returning({ id: commentReports.id });
  return inserted.length > 0;
};

/** Settles a comment's open reports; how many were open. */
export const resolveOpenReports = async (
  tx: Executor,
  commentId: string,
  { by, at }: { by: string; at: Date },
): Promise<number> => {
  const resolved = await tx
    .update(commentReports)
    .set({ resolvedAt: at, resolvedBy: by })
    .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)))
    .returning({ id: commentReports.id });
  return resolved.length;
};

/** Open reports per comment. */
export const countOpenReports = async (
  db: Executor,
  commentIds: readonly string[],
): Promise<Map<string, number>> => {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .select({ commentId: commentReports.commentId, open: count() })
    .from(commentReports)
    .where(and(inArray(commentReports.commentId, [...commentIds]), isNull(commentReports.resolvedAt)))
    .groupBy(commentReports.commentId);
  return new Map(rows.map((row) => [row.commentId, row.open]));
};

const reporters = alias(users, 'reporters');

/** The open reports of these comments, oldest first, with the reporters' names. */
export const findOpenReports = async (db: Executor, commentIds: readonly string[]) => {
  if (commentIds.length === 0) return [];
  return db
    .select({
      commentId: commentReports.commentId,
      reporterId: commentReports.reporterId,
      reporterName: reporters.displayName,
      reason: commentReports.reason,
      createdAt: commentReports.createdAt,
    })
    .from(commentReports)
    .innerJoin(reporters, eq(reporters.id, commentReports.reporterId))
    .where(and(inArray(commentReports.commentId, [...commentIds]), isNull(commentReports.resolvedAt)))
    .orderBy(asc(commentReports.createdAt), asc(commentReports.id));
};

/**
 * The comments with open reports, the most recently reported first (at most `limit`), with their
 * proposal's number and title, and how many such comments there are.
 */
export const findReportedComments = async (db: Executor, limit: number) => {
  const open = db
    .select({
      commentId: commentReports.commentId,
      lastReportedAt: sql<Date>`max(${commentReports.createdAt})`.as('last_reported_at'),
    })
    .from(commentReports)
    .where(isNull(commentReports.resolvedAt))
    .groupBy(commentReports.commentId)
    .as('open_reports');
  const rows = await db
    .select({
      commentId: open.commentId,
      lastReportedAt: open.lastReportedAt,
      proposalId: proposals.id,
      number: proposals.number,
      title: proposals.title,
    })
    .from(open)
    .innerJoin(proposalComments, eq(proposalComments.id, open.commentId))
    .innerJoin(proposals, eq(proposals.id, proposalComments.proposalId))
    .orderBy(desc(open.lastReportedAt), asc(open.commentId))
    .limit(limit);
  const [totals] = await db
    .select({ total: sql<number>`count(distinct ${commentReports.commentId})`.mapWith(Number) })
    .from(commentReports)
    .where(isNull(commentReports.resolvedAt));
  return {
    rows: rows.map((row) => ({ ...row, lastReportedAt: new Date(row.lastReportedAt) })),
    total: totals?.total ?? 0,
  };
};

/**
 * Serialises one person's comments and reports (to the end of the transaction), so the per-user
 * limits hold under concurrent requests: the count and the insert see each other.
 */
export const lockUserCommentActions = async (tx: Executor, userId: string): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('comment-actions'), hashtext(${userId}))`);
};

/** Comments a person posted since `since`. */
export const countCommentsSince = async (db: Executor, authorId: string, since: Date): Promise<number> =>
  (await commentQueries.commentsSince(db, authorId, since))[0]?.total ?? 0;

/** Reports a person made since `since`. */
export const countReportsSince = async (db: Executor, reporterId: string, since: Date): Promise<number> =>
  (await commentQueries.reportsSince(db, reporterId, since))[0]?.total ?? 0;

/** How many comments had their first report since `since` (the office's notices are capped by it). */
export const countFirstReportsSince = async (db: Executor, since: Date): Promise<number> => {
  const [row] = await db
    .select({ total: sql<number>`count(distinct ${commentReports.commentId})`.mapWith(Number) })
    .from(commentReports)
    .where(
      and(
        gt(commentReports.createdAt, since),
        sql`not exists (select 1 from ${commentReports} earlier where earlier.comment_id = ${commentReports.commentId} and earlier.created_at <= ${since})`,
      ),
    );
  return row?.total ?? 0;
};
