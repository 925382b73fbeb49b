-- The similar check's weighting, written once. The formula was spelled out three times (in the check,
-- in the stored norms and in the check's fallback for a proposal the fold has not reached), and the
-- stored norms took it in numeric arithmetic, several times slower than the check's float8 and a large
-- part of a rebuild at a million proposals.

-- The number of proposals the weights are taken at (the counts' row with the empty term), at least 1.
CREATE FUNCTION app_search_total() RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT greatest(coalesce((SELECT c.proposals FROM proposal_term_counts c WHERE c.term = ''), 0), 1)::float8
$$;
--> statement-breakpoint
-- A bigram's weight: its inverse document frequency when df of n proposals have it. A plain IMMUTABLE
-- expression, so the planner inlines it where it is used.
CREATE FUNCTION app_term_idf(n float8, df integer) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ln((n + 1) / (df + 0.5))
$$;
--> statement-breakpoint
-- The length of a proposal's weighted bigram vector at n proposals (bigrams no proposal has weigh nothing).
CREATE FUNCTION app_search_norm(grams text[], n float8) RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(sqrt(sum(power(app_term_idf(n, c.proposals), 2))), 0)
  FROM unnest(grams) g
  JOIN proposal_term_counts c ON c.term = g AND c.proposals > 0
  WHERE length(g) = 2
$$;
--> statement-breakpoint
-- As in migration 0035, in id order so that two folds at once never wait for each other in a cycle.
CREATE OR REPLACE FUNCTION app_store_search_norms(ids uuid[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_search_norms AS s (proposal_id, norm, total)
  SELECT p.id, app_search_norm(p.search_grams, t.n), t.n::int
  FROM proposals p CROSS JOIN (SELECT app_search_total() AS n) t
  WHERE p.id = ANY($1)
  ORDER BY p.id
  ON CONFLICT (proposal_id) DO UPDATE SET norm = excluded.norm, total = excluded.total;
$$;
--> statement-breakpoint
-- The fold of migration 0035, reading the number of proposals through app_search_total().
CREATE OR REPLACE FUNCTION app_fold_proposal_term_deltas() RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  folded integer;
  written uuid[];
  n float8;
BEGIN
  WITH taken AS (DELETE FROM proposal_term_deltas RETURNING terms, deltas, proposal_ids),
  applied AS (
    INSERT INTO proposal_term_counts AS c (term, proposals)
    SELECT d.term, sum(d.delta) FROM taken t, unnest(t.terms, t.deltas) AS d (term, delta)
    GROUP BY d.term HAVING sum(d.delta) <> 0 ORDER BY d.term COLLATE "C"
    ON CONFLICT (term) DO UPDATE SET proposals = c.proposals + excluded.proposals
  )
  SELECT count(*)::int, (SELECT array_agg(DISTINCT i) FROM taken w, unnest(w.proposal_ids) i)
  INTO folded, written
  FROM taken;
  IF written IS NOT NULL THEN
    PERFORM app_store_search_norms(written);
  END IF;
  n := app_search_total();
  PERFORM app_store_search_norms(ARRAY(
    SELECT s.proposal_id FROM proposal_search_norms s
    WHERE s.total < n * 0.9 OR s.total > n * 1.1
    ORDER BY s.total
    LIMIT 2000));
  RETURN folded;
END
$$;
--> statement-breakpoint
-- The check of migration 0035 with the weighting above.
CREATE OR REPLACE FUNCTION app_similar_proposals(
  draft_text text, max_postings integer, max_terms integer, pool_size integer, min_score float8,
  max_rows integer, exclude_id uuid, viewer_id uuid
) RETURNS TABLE (
  id uuid, number text, title text, status text, score float8, is_published boolean, proposer_id uuid,
  responsible_division_id uuid, co_proposer_ids uuid[], support_count integer, supported_by_viewer boolean
)
LANGUAGE plpgsql STABLE
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH total AS (SELECT app_search_total() AS n),
  draft AS (
    SELECT c.term, c.proposals AS df, app_term_idf(t.n, c.proposals) AS idf
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
           p.submitted_at, p.support_count,
           -- The stored norm; a proposal the fold has not reached yet is weighed here.
           dot.value / nullif((SELECT norm.q FROM norm)
                              * coalesce(sn.norm, app_search_norm(p.search_grams, (SELECT t.n FROM total t))), 0) AS score
    FROM pooled x
    JOIN proposals p ON p.id = x.id
    LEFT JOIN proposal_search_norms sn ON sn.proposal_id = p.id
    CROSS JOIN LATERAL (
      SELECT sum(d.idf * d.idf) AS value FROM unnest(p.search_grams) g JOIN draft d ON d.term = g
    ) dot
  )
  SELECT s.id, s.number, s.title, s.status, s.score, s.is_published, s.proposer_id, s.responsible_division_id,
         array(SELECT cp.user_id FROM proposal_co_proposers cp WHERE cp.proposal_id = s.id ORDER BY cp.user_id),
         s.support_count,
         EXISTS (SELECT 1 FROM proposal_supports ps WHERE ps.proposal_id = s.id AND ps.user_id = viewer_id)
  FROM scored s
  WHERE s.score >= min_score
  ORDER BY s.score DESC, s.submitted_at DESC, s.id
  LIMIT max_rows;
END
$$;
