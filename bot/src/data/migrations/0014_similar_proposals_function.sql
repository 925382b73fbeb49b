-- The similar-proposal check as one function (see similar-proposals-repository.ts for the method): a
-- PL/pgSQL function keeps its plan between calls, where the same statement sent as text was planned
-- again on every check (about as long as running it). The bounds are arguments, so the repository
-- states them.
CREATE OR REPLACE FUNCTION app_similar_proposals(
  draft_text text, max_postings integer, max_terms integer, pool_size integer, min_score float8,
  max_rows integer, exclude_id uuid
) RETURNS TABLE (
  id uuid, number text, title text, status text, score float8, is_published boolean, proposer_id uuid,
  responsible_division_id uuid, co_proposer_ids uuid[]
)
LANGUAGE plpgsql STABLE
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH total AS (
    SELECT greatest(coalesce((SELECT c.proposals FROM proposal_term_counts c WHERE c.term = ''), 0), 1)::float8 AS n
  ),
  draft AS (
    SELECT c.term, c.proposals AS df, ln((t.n + 1) / (c.proposals + 0.5)) AS idf
    FROM unnest(app_search_grams(draft_text)) g
    JOIN proposal_term_counts c ON c.term = g AND c.proposals > 0
    CROSS JOIN total t
    WHERE length(g) = 2
  ),
  norm AS (SELECT sqrt(sum(d.idf * d.idf)) AS q FROM draft d),
  -- The rarest bigrams first, while their postings add up to max_postings.
  picked AS (
    SELECT r.term, r.idf FROM (
      SELECT d.term, d.idf, sum(d.df) OVER (ORDER BY d.df, d.term COLLATE "C" ROWS UNBOUNDED PRECEDING) AS running
      FROM draft d
    ) r
    WHERE r.running <= max_postings
    ORDER BY r.running
    LIMIT max_terms
  ),
  -- One index scan per picked bigram; the proposals sharing the most of their weight.
  pooled AS (
    SELECT m.id, sum(k.idf * k.idf) AS partial
    FROM picked k
    CROSS JOIN LATERAL (
      SELECT p.id FROM proposals p
      WHERE p.search_grams @> ARRAY[k.term]
        AND p.status NOT IN ('withdrawn', 'merged')
        AND p.id IS DISTINCT FROM exclude_id
    ) m
    GROUP BY m.id
    ORDER BY partial DESC, m.id
    LIMIT pool_size
  ),
  -- The cosine of the two IDF-weighted bigram sets.
  scored AS (
    SELECT p.id, p.number, p.title, p.status, p.is_published, p.proposer_id, p.responsible_division_id,
           p.submitted_at, dot.value / nullif((SELECT norm.q FROM norm) * sqrt(doc.value), 0) AS score
    FROM pooled x
    JOIN proposals p ON p.id = x.id
    CROSS JOIN LATERAL (
      SELECT sum(d.idf * d.idf) AS value FROM unnest(p.search_grams) g JOIN draft d ON d.term = g
    ) dot
    CROSS JOIN LATERAL (
      SELECT sum(power(ln((t.n + 1) / (c.proposals + 0.5)), 2)) AS value
      FROM unnest(p.search_grams) g
      JOIN proposal_term_counts c ON c.term = g AND c.proposals > 0
      CROSS JOIN total t
      WHERE length(g) = 2
    ) doc
  )
  SELECT s.id, s.number, s.title, s.status, s.score, s.is_published, s.proposer_id, s.responsible_division_id,
         array(SELECT cp.user_id FROM proposal_co_proposers cp WHERE cp.proposal_id = s.id ORDER BY cp.user_id)
  FROM scored s
  WHERE s.score >= min_score
  ORDER BY s.score DESC, s.submitted_at DESC, s.id
  LIMIT max_rows;
END
$$;
