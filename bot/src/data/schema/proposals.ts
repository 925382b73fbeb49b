import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  blockReasons,
  horizons,
  proposalStatuses,
  type BlockReason,
  type Horizon,
  type ProposalCategory,
  type ProposalStatus,
} from '#shared';
import { inList, timestamps } from './columns';
import { openStatusCondition } from './proposal-open-statuses';
import { divisions } from './divisions';
import { users } from './users';

/**
 * 職員提案. `search_grams`, `search_text` and `search_title` feed the Japanese search (see migrations
 * 0000 and 0006 for app_search_grams and app_search_normalize); they are never read back as data.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYear: integer('fiscal_year').notNull(),
    sequence: integer('sequence').notNull(),
    /** `R6-0001`, derived from fiscal year and sequence, stored for lookup and export. */
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').$type<ProposalCategory>().notNull(),
    expectedEffect: text('expected_effect'),
    proposerId: uuid('proposer_id').references(() => users.id),
    /** The proposer's name as submitted, kept for imports and history. */
    proposerName: text('proposer_name').notNull(),
    /** The proposer's division at the time of submission, not their current one. */
    proposerDivisionId: uuid('proposer_division_id').references(() => divisions.id),
    responsibleDivisionId: uuid('responsible_division_id').references(() => divisions.id),
    horizon: text('horizon').$type<Horizon>(),
    /** When the 所管課 aims to have it realised (実現目標日), set by its liaison or the office. */
    targetOn: date('target_on', { mode: 'string' }),
    status: text('status').$type<ProposalStatus>().notNull().default('received'),
    blockReason: text('block_reason').$type<BlockReason>(),
    blockReasonNote: text('block_reason_note'),
    revisitOn: date('revisit_on', { mode: 'string' }),
    /**
     * The 再検討時期 the daily revisit job last announced (jobs/revisit-jobs.ts): a proposal is in one
     * digest per date, and in another when the office sets a new date.
     */
    revisitAnnouncedOn: date('revisit_announced_on', { mode: 'string' }),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => proposals.id),
    isPublished: boolean('is_published').notNull().default(false),
    /**
     * Idempotency key of the submitting request (a card action delivered twice creates one proposal),
     * unique per proposer: another user's key finds nothing of this proposal.
     */
    clientRequestId: text('client_request_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the proposal first reached 実現見込み or 実現完了: the dashboard's monthly realisations. */
    realisedAt: timestamp('realised_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    /**
     * How many people support it (proposal_supports), kept in the same transaction as each 賛同 and
     * its withdrawal, so the list sorts by it through an index. Not part of `version`: a 賛同 never
     * makes the office's edit conflict.
     */
    supportCount: integer('support_count').notNull().default(0),
    ...timestamps,
    searchGrams: text('search_grams')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`app_search_grams(title || ' ' || body || ' ' || coalesce(expected_effect, ''))`),
    /**
     * The same text normalised (app_search_normalize), stored: the substring test that confirms a gram
     * match reads it instead of normalising every candidate's text again (NFKC costs ~0.1 ms a proposal).
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`app_search_normalize(title || ' ' || body || ' ' || coalesce(expected_effect, ''))`,
      ),
    /** The normalised title, for ranking title hits first. */
    searchTitle: text('search_title')
      .notNull()
      .generatedAlwaysAs(sql`app_search_normalize(title)`),
  },
  (t) => [
    unique('proposals_fiscal_year_sequence_key').on(t.fiscalYear, t.sequence),
    unique('proposals_proposer_id_client_request_id_key').on(t.proposerId, t.clientRequestId),
    check('proposals_status_check', inList(t.status, proposalStatuses)),
    check('proposals_horizon_check', sql`${t.horizon} is null or ${inList(t.horizon, horizons)}`),
    check(
      'proposals_block_reason_check',
      sql`(${t.status} = 'blocked') = (${t.blockReason} is not null) and (${t.blockReason} is null or ${inList(t.blockReason, blockReasons)})`,
    ),
    check('proposals_merged_check', sql`(${t.status} = 'merged') = (${t.mergedIntoId} is not null)`),
    index('proposals_fiscal_year_submitted_at_idx').on(t.fiscalYear, t.submittedAt.desc()),
    index('proposals_fiscal_year_status_idx').on(t.fiscalYear, t.status),
    index('proposals_status_submitted_at_idx').on(t.status, t.submittedAt.desc()),
    /**
     * 提案一覧 without filters, newest first: the ORDER BY with its tiebreaker, so a page is an index scan.
     * Ascending: scanned backwards it gives `DESC NULLS FIRST`, which is what `ORDER BY … DESC` means.
     */
    index('proposals_submitted_at_number_idx').on(t.submittedAt, t.number),
    /** Staff see published proposals and their own: one arm of the visibility condition's bitmap OR. */
    index('proposals_published_idx').on(t.isPublished, t.submittedAt),
    index('proposals_proposer_id_idx').on(t.proposerId, t.submittedAt.desc()),
    index('proposals_proposer_division_id_idx').on(t.proposerDivisionId, t.submittedAt.desc()),
    /** The office's usual list: one division's proposals in some statuses, newest first. */
    index('proposals_proposer_division_status_idx').on(t.proposerDivisionId, t.status, t.submittedAt.desc()),
    index('proposals_responsible_division_id_idx').on(t.responsibleDivisionId, t.submittedAt.desc()),
    index('proposals_category_idx').on(t.category, t.submittedAt.desc()),
    index('proposals_merged_into_id_idx').on(t.mergedIntoId),
    /** The dashboard's monthly realisations of a fiscal year (a range on realised_at). */
    index('proposals_realised_at_idx')
      .on(t.realisedAt)
      .where(sql`${t.realisedAt} is not null`),
    /**
     * Without the fast-update pending list (migration 0035): every scan reads the whole list, which
     * new proposals fill to 4 MB between vacuums; it doubled the similar check's time.
     */
    index('proposals_search_grams_idx').using('gin', t.searchGrams).with({ fastupdate: false }),
    /** 提案一覧 sorted by 賛同数 (ties newest first): a page is an index scan. */
    index('proposals_support_count_idx').on(t.supportCount, t.submittedAt, t.number),
    /** The dashboard's 「賛同の多い検討中の提案」: open proposals with supporters, most first. */
    index('proposals_open_supported_idx')
      .on(t.supportCount)
      .where(sql`${t.supportCount} > 0 and ${openStatusCondition(t.status)}`),
    // The work queues (data/repositories/proposal-queue-filters.ts): each predicate is the queue's
    // condition word for word, so the planner can prove the index covers it.
    index('proposals_queue_unanswered_idx')
      .on(t.submittedAt, t.number)
      .where(sql`${t.answer} is null and ${openStatusCondition(t.status)}`),
    index('proposals_queue_unassigned_idx')
      .on(t.submittedAt, t.number)
      .where(sql`${t.responsibleDivisionId} is null and ${openStatusCondition(t.status)}`),
    index('proposals_queue_revisit_idx')
      .on(t.revisitOn)
      .where(sql`${t.status} = 'blocked'`),
    index('proposals_queue_stale_idx').on(t.updatedAt).where(openStatusCondition(t.status)),
    /** 自分の課: a liaison's divisions, newest first (所管課の回答待ち narrowed to them reads it too). */
    index('proposals_queue_division_idx')
      .on(t.responsibleDivisionId, t.submittedAt, t.number)
      .where(sql`${t.responsibleDivisionId} is not null and ${openStatusCondition(t.status)}`),
    /** 所管課の回答待ち over every division (the office's); the draft test filters the few rows left. */
    index('proposals_queue_awaiting_division_idx')
      .on(t.submittedAt, t.number)
      .where(
        sql`${t.responsibleDivisionId} is not null and ${t.answer} is null and ${openStatusCondition(t.status)}`,
      ),
  ],
);

/** A proposal as the code reads it: every column but the search columns (see proposalColumns). */
export type ProposalRow = Omit<typeof proposals.$inferSelect, 'searchGrams' | 'searchText' | 'searchTitle'>;
export type NewProposalRow = typeof proposals.$inferInsert;
