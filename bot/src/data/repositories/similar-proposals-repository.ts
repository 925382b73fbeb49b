import { sql, type SQL } from 'drizzle-orm';
import { storableText, type ProposalStatus } from '#shared';
import { queryNamedRows, queryRows, type Database, type Executor } from '../database';
import { proposalFormChoicesJson, type ProposalFormChoiceRows } from './proposal-form-choices-repository';

/** A proposal like a draft, with what a visibility rule needs to decide whether the asker may see it. */
export interface SimilarProposalCandidate {
  id: string;
  number: string;
  title: string;
  status: ProposalStatus;
  /** IDF-weighted cosine of the two texts' bigrams (0–1); see findSimilarProposalCandidates. */
  score: number;
  isPublished: boolean;
  proposerId: string | null;
  coProposerIds: string[];
  responsibleDivisionId: string | null;
  /** 賛同 so far, and whether the asker (`viewerId`) is among them. */
  supportCount: number;
  supportedByViewer: boolean;
}

/**
 * How much work one check may do, whatever the number of proposals: the draft's rarest bigrams are
 * looked up in proposal_term_postings until their postings (document frequencies) add up to `postings`,
 * at most `terms` of them; the `pool` proposals sharing the most of that weight are scored in full.
 * Measured in docs/benchmarks.md (similar check at 10k / 100k / 1M proposals).
 */
export const similarSearchBounds = { postings: 1_500, terms: 16, pool: 20 } as const;

/** The candidates of one check, and the number of proposals its weights were taken at. */
export interface SimilarCandidates {
  candidates: SimilarProposalCandidate[];
  /** app_search_total(): the proposals counted at the last fold, at least 1 (how far a score may be trusted). */
  total: number;
}

/**
 * Open proposals (not withdrawn or merged) whose text is like a draft's, most similar first, at most
 * `limit`, each scoring at least `minScore`. All of them, whoever asks: the caller filters by
 * visibility and counts the rest. With each, its 賛同 count and whether `viewerId` supports it; with
 * them, the number of proposals the weights were taken at (0 when nothing scored `minScore`).
 *
 * Terms are character bigrams of the NFKC-normalised, ASCII-lower-cased text (app_search_grams, the
 * same as the list search, so full-width and half-width forms are alike and no locale changes a
 * result). A bigram's weight is its inverse document frequency, ln((N + 1) / (df + 0.5)) (app_term_idf), from
 * proposal_term_counts (kept by triggers, folded every 2 s): 「提案」「する」 weigh almost nothing, 「押印」 a lot. Bigrams
 * no proposal has are left out (they cannot match and would only dilute the score). The score is the
 * cosine of the two weighted bigram sets.
 *
 * Bounded before any per-row work: only the rarest bigrams (see similarSearchBounds) are looked up in
 * proposal_term_postings, one index-only scan each (no table page per proposal found), so the rows read
 * do not grow with the table; proposals written since the worker's last fold are read from their own
 * bigrams. A draft made only of common bigrams finds nothing. Then `pool` candidates are scored against
 * all the draft's bigrams, each divided by its stored norm (proposal_search_norms, kept by the fold; a
 * proposal the fold has not reached yet is weighed in the check).
 * A draft is not validated yet: a NUL (which PostgreSQL refuses) becomes U+FFFD first.
 */
export const findSimilarProposalCandidates = async (
  db: Executor,
  text: string,
  options: { limit: number; minScore: number; excludeId?: string; viewerId?: string },
): Promise<SimilarCandidates> => {
  const rows = await similarCandidateRows(db, text, options, 'similar_check');
  return { candidates: rows.map(candidateOf), total: rows[0]?.total ?? 0 };
};

/**
 * findSimilarProposalCandidates for a 提出する, with what the bot needs when it shows the form instead of
 * taking the proposal, read in the same statement (one round trip where there were two): the id of
 * the proposer's proposal already taken under `requestId` (a retry of the same request must get its
 * confirmation instead), and the form's choices for `formFiscalYear`. Both only with candidates: with
 * none, `takenId` and `formChoices` are null, the one-statement submission finds the request itself,
 * and no form is shown.
 */
export const findSimilarCandidatesForRequest = async (
  db: Executor,
  text: string,
  options: {
    limit: number;
    minScore: number;
    proposerId: string;
    requestId: string;
    formFiscalYear: number;
  },
): Promise<SimilarCandidates & { takenId: string | null; formChoices: ProposalFormChoiceRows | null }> => {
  const rows = await similarCandidateRows(
    db,
    text,
    { ...options, viewerId: options.proposerId },
    'similar_check_for_request',
    {
      takenId: sql`(select t.id from proposals t
                  where t.proposer_id = ${options.proposerId}::uuid and t.client_request_id = ${options.requestId})`,
      // On the first row only: an uncorrelated subquery runs once, but its value would travel on every row.
      formChoices: sql`case when row_number() over () = 1 then ${proposalFormChoicesJson(options.formFiscalYear)} end`,
    },
  );
  return {
    candidates: rows.map(candidateOf),
    takenId: rows[0]?.takenId ?? null,
    formChoices: rows.find((row) => row.formChoices)?.formChoices ?? null,
    total: rows[0]?.total ?? 0,
  };
};

type CandidateRow = SimilarProposalCandidate & {
  total: number;
  takenId: string | null;
  formChoices: ProposalFormChoiceRows | null;
};

const candidateOf = ({ takenId: _, total: __, formChoices: ___, ...candidate }: CandidateRow) => candidate;

const similarCandidateRows = async (
  db: Executor,
  text: string,
  options: { limit: number; minScore: number; excludeId?: string; viewerId?: string },
  name: string,
  forRequest: { takenId: SQL; formChoices: SQL } = { takenId: sql`null::uuid`, formChoices: sql`null::json` },
): Promise<CandidateRow[]> => {
  const { postings, terms, pool } = similarSearchBounds;
  // The check is one PL/pgSQL function (migration 0012): its plan is kept between calls, where the same
  // statement sent as text was planned again every time (as long as running it). The statement calling
  // it is named for the same reason (queryNamedRows), one name per text.
  const rows = await queryNamedRows<CandidateRow & { score: number | string }>(
    db,
    name,
    sql`select id, number, title, status, score, is_published as "isPublished", proposer_id as "proposerId",
               responsible_division_id as "responsibleDivisionId", co_proposer_ids as "coProposerIds",
               support_count as "supportCount", supported_by_viewer as "supportedByViewer",
               ${forRequest.takenId} as "takenId", ${forRequest.formChoices} as "formChoices", total
        from app_similar_proposals(${storableText(text)}, ${postings}::int, ${terms}::int, ${pool}::int,
                                   ${options.minScore}::float8, ${options.limit}::int, ${options.excludeId ?? null}::uuid,
                                   ${options.viewerId ?? null}::uuid)`,
  );
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
};

/**
 * Adds the pending term deltas (proposal_term_deltas: what the triggers on proposals append instead of
 * updating the shared counts in the writing transaction) to proposal_term_counts, keeps the postings
 * of the proposals written (proposal_term_postings, migration 0038), stores their search norms, and takes
 * again up to 2,000 norms taken at a number of proposals more than a tenth away (migrations 0035, 0037);
 * returns the delta rows folded. Safe to run often and in several processes at once. The worker runs it
 * every 2 s: the similar check reads the folded counts only, so a new proposal's bigrams weigh from then
 * on.
 */
export const foldProposalTermCounts = async (db: Executor): Promise<number> => {
  const [row] = await queryRows<{ folded: number }>(
    db,
    sql`select app_fold_proposal_term_deltas() as folded`,
  );
  return Number(row?.folded ?? 0);
};

/**
 * Vacuums proposal_term_deltas, the table the fold empties every 2 s: deleted rows leave their pages
 * until a vacuum, and the similar check reads the whole table (its pending bigrams). Autovacuum comes
 * after 1,000 dead rows on a server, and never on PGlite or on a server where it is off, so under steady
 * submissions the table, and every check, grew by about a megabyte a minute. A few milliseconds on a
 * table this small. Without truncating: the freed space is reused, and the table is never locked
 * against the submissions appending to it (a truncation takes an exclusive lock while they hold the
 * fiscal year's number lock). Not in a transaction (VACUUM cannot run in one).
 */
export const vacuumProposalTermDeltas = async (db: Database): Promise<void> => {
  await db.execute(sql`vacuum (truncate false) proposal_term_deltas`);
};
