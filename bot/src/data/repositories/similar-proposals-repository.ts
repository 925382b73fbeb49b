import { sql } from 'drizzle-orm';
import { storableText, type ProposalStatus } from '#shared';
import { queryRows, type Executor } from '../database';
import { proposalCoProposers, proposalTermCounts, proposals } from '../schema/index';

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
}

/**
 * How much work one check may do, whatever the number of proposals: the draft's rarest bigrams are
 * looked up in the gram index until their postings (document frequencies) add up to `postings`, at
 * most `terms` of them; the `pool` proposals sharing the most of that weight are scored in full.
 * Measured in docs/benchmarks.md (similar check at 10k / 100k / 1M proposals).
 */
export const similarSearchBounds = { postings: 4_000, terms: 24, pool: 30 } as const;

/**
 * Open proposals (not withdrawn or merged) whose text is like a draft's, most similar first, at most
 * `limit`, each scoring at least `minScore`. All of them, whoever asks: the caller filters by
 * visibility and counts the rest.
 *
 * Terms are character bigrams of the NFKC-normalised, ASCII-lower-cased text (app_search_grams, the
 * same as the list search, so full-width and half-width forms are alike and no locale changes a
 * result). A bigram's weight is its inverse document frequency, ln((N + 1) / (df + 0.5)), from
 * proposal_term_counts (kept by triggers): 「提案」「する」 weigh almost nothing, 「押印」 a lot. Bigrams
 * no proposal has are left out (they cannot match and would only dilute the score). The score is the
 * cosine of the two weighted bigram sets.
 *
 * Bounded before any per-row work: only the rarest bigrams (see similarSearchBounds) are looked up in
 * the GIN index, one index scan each, so the rows read do not grow with the table; a draft made only
 * of common bigrams finds nothing. Then `pool` candidates are scored against all the draft's bigrams.
 * A draft is not validated yet: a NUL (which PostgreSQL refuses) becomes U+FFFD first.
 */
export const findSimilarProposalCandidates = async (
  db: Executor,
  text: string,
  options: { limit: number; minScore: number; excludeId?: string },
): Promise<SimilarProposalCandidate[]> => {
  const { postings, terms, pool } = similarSearchBounds;
  const rows = await queryRows<SimilarProposalCandidate & { score: number | string }>(
    db,
    sql`
    with total as (
      select greatest(coalesce((select proposals from ${proposalTermCounts} where term = ''), 0), 1)::float8 as n
    ),
    draft as (
      select c.term, c.proposals as df, ln((t.n + 1) / (c.proposals + 0.5)) as idf
      from unnest(app_search_grams(${storableText(text)})) g
      join ${proposalTermCounts} c on c.term = g and c.proposals > 0
      cross join total t
      where length(g) = 2
    ),
    norm as (select sqrt(sum(idf * idf)) as q from draft),
    picked as (
      select term, idf from (
        select term, idf, sum(df) over (order by df, term collate "C" rows unbounded preceding) as running
        from draft
      ) r
      where running <= ${postings}
      order by running
      limit ${terms}
    ),
    pooled as (
      select m.id, sum(k.idf * k.idf) as partial
      from picked k
      cross join lateral (
        select p.id from ${proposals} p
        where p.search_grams @> array[k.term]
          and p.status not in ('withdrawn', 'merged')
          ${options.excludeId ? sql`and p.id <> ${options.excludeId}::uuid` : sql``}
      ) m
      group by m.id
      order by partial desc, m.id
      limit ${pool}
    ),
    scored as (
      select p.id, p.number, p.title, p.status, p.is_published, p.proposer_id, p.responsible_division_id,
             p.submitted_at,
             (select sum(d.idf * d.idf) from unnest(p.search_grams) g join draft d on d.term = g)
               / nullif((select norm.q from norm) * sqrt((
                   select sum(power(ln((t.n + 1) / (c.proposals + 0.5)), 2))
                   from unnest(p.search_grams) g
                   join ${proposalTermCounts} c on c.term = g
                   cross join total t
                   where length(g) = 2 and c.proposals > 0)), 0) as score
      from pooled x join ${proposals} p on p.id = x.id
    )
    select s.id, s.number, s.title, s.status, s.score,
           s.is_published as "isPublished", s.proposer_id as "proposerId",
           s.responsible_division_id as "responsibleDivisionId",
           array(select cp.user_id from ${proposalCoProposers} cp where cp.proposal_id = s.id order by cp.user_id)
             as "coProposerIds"
    from scored s
    where s.score >= ${options.minScore}
    order by s.score desc, s.submitted_at desc, s.id
    limit ${options.limit}
  `,
  );
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
};
