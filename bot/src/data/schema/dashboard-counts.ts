import { date, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { ProposalCategory, ProposalStatus } from '#shared';

/**
 * The dashboard's aggregates, kept by triggers on proposals and stamps in the same transaction as the
 * change (migration 0007: app_count_proposal / app_count_stamp), so they are exact at every commit.
 * The dashboard reads a few hundred rows here instead of grouping a fiscal year of proposals and
 * stamps (20,000 and 240,000 rows in the bench: 220–320 ms before, see docs/benchmarks.md).
 * Derived data: no foreign keys; `app_rebuild_dashboard_counts()` recomputes them from scratch.
 * A division of null (not set) is a key like any other (NULLS NOT DISTINCT).
 */
export const proposalCountsByDivision = pgTable(
  'proposal_counts_by_division',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    proposerDivisionId: uuid('proposer_division_id'),
    status: text('status').$type<ProposalStatus>().notNull(),
    category: text('category').$type<ProposalCategory>().notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    unique('proposal_counts_by_division_key')
      .on(t.fiscalYear, t.proposerDivisionId, t.status, t.category)
      .nullsNotDistinct(),
  ],
);

/** Proposals of a fiscal year by Tokyo month of submission. */
export const proposalCountsByMonth = pgTable(
  'proposal_counts_by_month',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    proposerDivisionId: uuid('proposer_division_id'),
    status: text('status').$type<ProposalStatus>().notNull(),
    /** First day of the Tokyo month. */
    month: date('month', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    unique('proposal_counts_by_month_key')
      .on(t.fiscalYear, t.proposerDivisionId, t.status, t.month)
      .nullsNotDistinct(),
  ],
);

/** Proposals with a realised_at, by its Tokyo month, whatever fiscal year they came from. */
export const proposalRealisationCounts = pgTable(
  'proposal_realisation_counts',
  {
    month: date('month', { mode: 'string' }).notNull(),
    proposerDivisionId: uuid('proposer_division_id'),
    status: text('status').$type<ProposalStatus>().notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    unique('proposal_realisation_counts_key').on(t.month, t.proposerDivisionId, t.status).nullsNotDistinct(),
  ],
);

/** Stamps by Tokyo month of sending, sender division and kind. */
export const stampCountsByMonth = pgTable(
  'stamp_counts_by_month',
  {
    month: date('month', { mode: 'string' }).notNull(),
    senderDivisionId: uuid('sender_division_id'),
    kindCode: text('kind_code').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [unique('stamp_counts_by_month_key').on(t.month, t.senderDivisionId, t.kindCode).nullsNotDistinct()],
);

/** Who sent at least one stamp in a fiscal year, per sender division at the time (active senders). */
export const stampSendersByYear = pgTable(
  'stamp_senders_by_year',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    senderId: uuid('sender_id').notNull(),
    senderDivisionId: uuid('sender_division_id'),
  },
  (t) => [
    unique('stamp_senders_by_year_key').on(t.fiscalYear, t.senderId, t.senderDivisionId).nullsNotDistinct(),
  ],
);
