// 賛同 (support), フォロー (follow), the notification preference and the follower updates: the rows
// behind services/engagement/. Every function takes the caller's transaction where it writes.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type {
  FollowSource,
  FollowerUpdateKind,
  NotificationPreference,
  TopSupportedProposalDto,
} from '#shared';
import { queryRows, type Executor } from '../database';
import { openStatusCondition } from '../schema/proposal-open-statuses';
import {
  divisions,
  proposalFollows,
  proposalProjectLinks,
  proposalSupports,
  proposals,
  users,
} from '../schema/index';

/** Adds the person's 賛同; true when it is new (a repeated click inserts nothing). */
export const insertSupport = async (tx: Executor, proposalId: string, userId: string): Promise<boolean> => {
  const rows = await tx
    .insert(proposalSupports)
    .values({ proposalId, userId })
    .onConflictDoNothing()
    .returning({ userId: proposalSupports.userId });
  return rows.length > 0;
};

/** Removes the person's 賛同; true when there was one. */
export const deleteSupport = async (tx: Executor, proposalId: string, userId: string): Promise<boolean> => {
  const rows = await tx
    .delete(proposalSupports)
    .where(and(eq(proposalSupports.proposalId, proposalId), eq(proposalSupports.userId, userId)))
    .returning({ userId: proposalSupports.userId });
  return rows.length > 0;
};

/**
 * Moves the denormalised count by `delta`. Neither `version` nor `updated_at` changes: a 賛同 is not an
 * edit of the proposal (the office's next save must not conflict, the stale queue must not reset).
 */
export const adjustSupportCount = async (
  tx: Executor,
  proposalId: string,
  delta: number,
): Promise<number> => {
  const [row] = await tx
    .update(proposals)
    .set({ supportCount: sql`greatest(${proposals.supportCount} + ${delta}, 0)` })
    .where(eq(proposals.id, proposalId))
    .returning({ supportCount: proposals.supportCount });
  return row?.supportCount ?? 0;
};

/** The proposal's count and whether the person supports and follows it. */
export const findEngagement = async (
  db: Executor,
  proposalId: string,
  userId: string,
): Promise<{ supportCount: number; supportedByMe: boolean; followedByMe: boolean }> => {
  const [row] = await db
    .select({
      supportCount: proposals.supportCount,
      supportedByMe: sql<boolean>`exists (select 1 from ${proposalSupports} s
        where s.proposal_id = ${proposals.id} and s.user_id = ${userId})`,
      followedByMe: sql<boolean>`exists (select 1 from ${proposalFollows} f
        where f.proposal_id = ${proposals.id} and f.user_id = ${userId})`,
    })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  return row ?? { supportCount: 0, supportedByMe: false, followedByMe: false };
};

/**
 * Follows. A 'manual' follow replaces an automatic one (so withdrawing the 賛同 keeps it); an
 * automatic one never replaces anything.
 */
export const addFollows = async (
  tx: Executor,
  follows: readonly { proposalId: string; userId: string; source: FollowSource }[],
): Promise<void> => {
  const manual = follows.filter((follow) => follow.source === 'manual');
  const automatic = follows.filter((follow) => follow.source !== 'manual');
  if (automatic.length > 0)
    await tx
      .insert(proposalFollows)
      .values([...automatic])
      .onConflictDoNothing();
  if (manual.length > 0)
    await tx
      .insert(proposalFollows)
      .values([...manual])
      .onConflictDoUpdate({
        target: [proposalFollows.proposalId, proposalFollows.userId],
        set: { source: 'manual' },
      });
};

/**
 * 統合: the duplicate's followers, its proposer and co-proposers follow the proposal it was merged
 * into (as their own choice, so a later 賛同 withdrawal keeps it); the target's own proposers are left
 * out, and anyone already following keeps their reason. Returns how many people were added.
 */
export const carryFollowsToMergeTarget = async (
  tx: Executor,
  fromProposalId: string,
  intoProposalId: string,
): Promise<number> => {
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`insert into proposal_follows (proposal_id, user_id, source)
        select ${intoProposalId}::uuid, people.user_id, 'manual'
        from (
          select f.user_id from proposal_follows f where f.proposal_id = ${fromProposalId}
          union select p.proposer_id from proposals p
            where p.id = ${fromProposalId} and p.proposer_id is not null
          union select cp.user_id from proposal_co_proposers cp where cp.proposal_id = ${fromProposalId}
        ) people
        where people.user_id is distinct from (select proposer_id from proposals where id = ${intoProposalId})
          and not exists (select 1 from proposal_co_proposers cp
                          where cp.proposal_id = ${intoProposalId} and cp.user_id = people.user_id)
        on conflict do nothing
        returning user_id`,
  );
  return rows.length;
};

/** Stops a follow: any (the person's own フォロー解除), or only one of the given source. */
export const removeFollow = async (
  tx: Executor,
  proposalId: string,
  userId: string,
  onlySource?: FollowSource,
): Promise<void> => {
  await tx
    .delete(proposalFollows)
    .where(
      and(
        eq(proposalFollows.proposalId, proposalId),
        eq(proposalFollows.userId, userId),
        onlySource ? eq(proposalFollows.source, onlySource) : undefined,
      ),
    );
};

export const findNotificationPreference = async (
  db: Executor,
  userId: string,
): Promise<NotificationPreference | undefined> => {
  const [row] = await db
    .select({ preference: users.notificationPreference })
    .from(users)
    .where(eq(users.id, userId));
  return row?.preference;
};

export const updateNotificationPreference = async (
  db: Executor,
  userId: string,
  preference: NotificationPreference,
): Promise<boolean> => {
  const rows = await db
    .update(users)
    .set({ notificationPreference: preference, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
};

/**
 * Whether the person (an SQL expression for their id) proposed or co-proposed proposal `p`.
 * `proposalVisibleCondition` (proposal-list-filter.ts) states the same for one known user.
 */
const authoredBy = (userId: SQL): SQL =>
  sql`(${userId} = p.proposer_id
       or exists (select 1 from proposal_co_proposers cp where cp.proposal_id = p.id and cp.user_id = ${userId}))`;

/**
 * The part of the visibility rule (services/proposals/proposal-access.ts) that needs neither roles nor
 * liaison divisions, for statements over many people at once: published, or their own. Followers' news
 * is told by this subset: the office's roles and liaisons named by Entra group are known only at sign-in,
 * so an office member or liaison who follows a proposal later unpublished hears nothing of it, and
 * nobody hears of a proposal they may not see.
 */
const publishedOrAuthoredBy = (userId: SQL): SQL => sql`(p.is_published or ${authoredBy(userId)})`;

/** One follower update as written: `immediate` when it is to go out at once as its own card. */
export interface InsertedFollowerUpdate {
  id: number;
  userId: string;
  immediate: boolean;
}

/**
 * Writes one row per person to tell, in one statement: the proposal's followers (with
 * `includeProposers` its proposer and co-proposers too, whether they follow it or not; without, never
 * them, though co-proposers follow: they are told otherwise), except the people
 * in `excludeUserIds` and those who want nothing ('none'), and only while they may see the proposal
 * (published, or their own). Rows for people who want it at once are marked delivered when
 * `deliverImmediately` (the caller queues their cards in the same transaction).
 */
export const insertFollowerUpdates = async (
  tx: Executor,
  update: {
    proposalId: string;
    kind: FollowerUpdateKind;
    summary: string;
    excludeUserIds: readonly string[];
    includeProposers: boolean;
    deliverImmediately: boolean;
  },
): Promise<InsertedFollowerUpdate[]> => {
  const exclude = sql`array[${sql.join(
    update.excludeUserIds.length > 0
      ? update.excludeUserIds.map((id) => sql`${id}::uuid`)
      : [sql`null::uuid`],
    sql`, `,
  )}]`;
  const proposers = update.includeProposers
    ? sql`union select p.proposer_id from ${proposals} p where p.id = ${update.proposalId} and p.proposer_id is not null
          union select cp.user_id from proposal_co_proposers cp where cp.proposal_id = ${update.proposalId}`
    : sql``;
  return queryRows<InsertedFollowerUpdate>(
    tx,
    sql`insert into follower_updates (user_id, proposal_id, kind, summary, delivered_at)
        select u.id, p.id, ${update.kind}, ${update.summary},
               case when ${update.deliverImmediately} and u.notification_preference = 'immediate' then now() end
        from (select f.user_id from ${proposalFollows} f where f.proposal_id = ${update.proposalId} ${proposers}) audience
        join ${users} u on u.id = audience.user_id
        join ${proposals} p on p.id = ${update.proposalId}
        where u.notification_preference <> 'none'
          and not (u.id = any(${exclude}))
          and ${publishedOrAuthoredBy(sql`u.id`)}
          and (${update.includeProposers} or not ${authoredBy(sql`u.id`)})
        returning id::int as "id", user_id as "userId", (delivered_at is not null) as "immediate"`,
  );
};

/** Records the notification that carried each immediate row. */
export const markFollowerUpdatesSent = async (
  tx: Executor,
  sent: readonly { id: number; dedupeKey: string }[],
): Promise<void> => {
  if (sent.length === 0) return;
  await queryRows(
    tx,
    sql`update follower_updates fu set digest_key = v.key
        from (values ${sql.join(
          sent.map(({ id, dedupeKey }) => sql`(${id}::bigint, ${dedupeKey})`),
          sql`, `,
        )}) as v(id, key)
        where fu.id = v.id`,
  );
};

/** Followers of one proposal to tell at once (for the card): number and title with the row. */
export interface FollowerDigestRow {
  id: number;
  userId: string;
  proposalId: string;
  kind: FollowerUpdateKind;
  summary: string;
  createdAt: string;
  number: string;
  title: string;
  visible: boolean;
}

/**
 * The daily digest's claim, serialised by an advisory lock so two runs never split one person's day:
 * every waiting row of people who want a digest (or who wanted it at once but had no card queued)
 * and have had no digest for `date` yet is marked with that day's key; the rows come back with the
 * proposal's number and title and whether the person may still see it. Rows of people who now want
 * nothing are closed unsent.
 */
export const claimFollowerDigestRows = async (
  tx: Executor,
  options: { now: Date; keyPrefix: string },
): Promise<FollowerDigestRow[]> => {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtext('follower-digest'))`);
  await queryRows(
    tx,
    sql`update follower_updates fu set delivered_at = ${options.now}, digest_key = 'discarded'
        from ${users} u
        where u.id = fu.user_id and fu.delivered_at is null and u.notification_preference = 'none'`,
  );
  const claimed = await queryRows<{ id: number; userId: string }>(
    tx,
    sql`update follower_updates fu
        set delivered_at = ${options.now}, digest_key = ${options.keyPrefix} || fu.user_id::text
        where fu.delivered_at is null
          and not exists (select 1 from notification_deliveries d
                          where d.dedupe_key = ${options.keyPrefix} || fu.user_id::text)
        returning fu.id::int as "id", fu.user_id as "userId"`,
  );
  if (claimed.length === 0) return [];
  return queryRows<FollowerDigestRow>(
    tx,
    sql`select fu.id::int as "id", fu.user_id as "userId", fu.proposal_id as "proposalId", fu.kind, fu.summary,
               fu.created_at::text as "createdAt", p.number, p.title,
               ${publishedOrAuthoredBy(sql`fu.user_id`)} as "visible"
        from follower_updates fu join ${proposals} p on p.id = fu.proposal_id
        where fu.id = any(${sql`array[${sql.join(
          claimed.map((row) => sql`${row.id}::bigint`),
          sql`, `,
        )}]`})
        order by fu.user_id, fu.created_at, fu.id`,
  );
};

/** Open proposals with the most supporters (the dashboard's 「賛同の多い検討中の提案」). */
export const findTopSupportedOpenProposals = async (
  db: Executor,
  limit: number,
): Promise<TopSupportedProposalDto[]> =>
  db
    .select({
      id: proposals.id,
      number: proposals.number,
      title: proposals.title,
      status: proposals.status,
      supportCount: proposals.supportCount,
      responsibleDivision: divisions.name,
    })
    .from(proposals)
    .leftJoin(divisions, eq(divisions.id, proposals.responsibleDivisionId))
    .where(and(sql`${proposals.supportCount} > 0`, openStatusCondition(proposals.status)))
    .orderBy(sql`${proposals.supportCount} desc`, sql`${proposals.submittedAt} desc`)
    .limit(limit);

/** The published, still open or realised proposals linked to a 重点案件 (whose followers hear of its progress). */
export const findPublishedLinkedProposalIds = async (db: Executor, projectId: string): Promise<string[]> => {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select p.id from ${proposalProjectLinks} pl join ${proposals} p on p.id = pl.proposal_id
        where pl.project_id = ${projectId} and p.is_published and p.status not in ('withdrawn', 'merged')`,
  );
  return rows.map((row) => row.id);
};
