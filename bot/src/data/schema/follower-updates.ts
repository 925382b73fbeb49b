import { sql } from 'drizzle-orm';
import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FollowerUpdateKind } from '#shared';
import { proposals } from './proposals';
import { users } from './users';

/**
 * What a follower is to be told: one row per follower and change, written in the change's own
 * transaction (services/engagement/follower-updates.ts). `delivered_at` is set when the row went out:
 * at once as its own card (preference すぐに) or in the person's daily digest (`digest_key`, the
 * notification's dedupe key). `kind` is plain text so other features add kinds without a migration.
 */
export const followerUpdates = pgTable(
  'follower_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FollowerUpdateKind>().notNull(),
    summary: text('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** The dedupe key of the notification that carried it (a digest's, or the card of its own). */
    digestKey: text('digest_key'),
  },
  (t) => [
    /** The daily digest: what still waits, per person. */
    index('follower_updates_pending_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.deliveredAt} is null`),
    index('follower_updates_proposal_id_idx').on(t.proposalId),
  ],
);

export type FollowerUpdateRow = typeof followerUpdates.$inferSelect;
