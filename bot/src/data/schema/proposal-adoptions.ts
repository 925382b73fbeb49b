import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { adoptionStates, type AdoptionState } from '#shared';
import { inList, timestamps } from './columns';
import { divisions } from './divisions';
import { proposals } from './proposals';
import { users } from './users';

/**
 * 横展開: a division that adopted (or is considering) a realised proposal. One row per proposal and
 * division: the division updates its record (considering → adopted) instead of adding rows. Changes
 * are audited in `master_data_changes` (entity 'proposal_adoption') in the same transaction.
 */
export const proposalAdoptions = pgTable(
  'proposal_adoptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    divisionId: uuid('division_id')
      .notNull()
      .references(() => divisions.id),
    state: text('state').$type<AdoptionState>().notNull(),
    note: text('note'),
    /** The day the division adopted it (or started considering it); the dashboard counts by it. */
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    unique('proposal_adoptions_proposal_id_division_id_key').on(t.proposalId, t.divisionId),
    check('proposal_adoptions_state_check', inList(t.state, adoptionStates)),
    check('proposal_adoptions_note_check', sql`char_length(${t.note}) <= 200`),
    // The dashboard's year: records of a date range, grouped by proposal or by division.
    index('proposal_adoptions_adopted_on_idx').on(t.adoptedOn, t.proposalId, t.divisionId, t.state),
    // A division's records (its own page, merges moving references).
    index('proposal_adoptions_division_id_idx').on(t.divisionId, t.adoptedOn),
  ],
);

export type ProposalAdoptionRow = typeof proposalAdoptions.$inferSelect;
