-- The similar check of migration 0042 with the pending bigrams (proposals written since the last fold)
-- read for the picked bigrams only: a pending row is unnested only when it shares one of them (array
-- overlap). Under steady submissions (a dozen proposals pending between two folds) the check cost about
-- twice its price with none pending. Same results.
CREATE OR REPLACE FUNCTION app_similar_proposals(
  draft_text text, max_postings integer, max_terms integer, pool_size integer, min_score float8,
  max_rows integer, exclude_id uuid, viewer_id uuid
) RETURNS TABLE (
  id uuid, number text, title text, status text, score float8, is_published boolean, proposer_id uuid,
  responsible_division_id uuid, co_proposer_ids uuid[], support_count integer, supported_by_viewer boolean,
  total integer
)
LANGUAGE plpgsql STABLE
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH total AS (SELECT app_search_total() AS n),
  -- Each count looked up by its key (see app_search_norm), once: OFFSET 0 keeps the subquery whole, where
  -- flattened its lookup was repeated for each use of df (three).
  draft AS (
    SELECT x.term, x.df, app_term_idf(t.n, x.df) AS idf
    FROM (SELECT g AS term, (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = g) AS df
          FROM unnest(app_search_grams(draft_text)) g WHERE length(g) = 2 OFFSET 0) x
    CROSS JOIN total t
    WHERE x.df > 0
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
  picked_terms AS (SELECT coalesce(array_agg(k.term), '{}') AS a FROM picked k),
  -- The bigrams of proposals written since the last fold (the fold runs every 2 s): a submission's delta
  -- row holds them itself; a bulk statement's (an import) are read from its proposals, at most a thousand.
  -- Only the rows sharing a picked bigram are unnested (one array overlap each): the picked bigrams are
  -- the draft's rarest, which few proposals share, where unnesting every pending row and comparing each
  -- of its hundred-odd bigrams with each picked one (the planner, expecting one row of them, chose a
  -- nested loop) cost 0.3 ms per pending proposal, about 2 ms per check under steady submissions.
  pending AS MATERIALIZED (
    SELECT t.proposal_ids[1] AS id, d.term
    FROM picked_terms k
    JOIN proposal_term_deltas t ON t.terms && k.a
    CROSS JOIN LATERAL unnest(t.terms, t.deltas) AS d (term, delta)
    WHERE cardinality(t.proposal_ids) = 1 AND d.delta > 0 AND d.term = ANY (k.a)
    UNION ALL
    SELECT p.id, g.term
    -- The thousand taken before DISTINCT: a large import's ids are not all read by every check until
    -- its fold (a statement's ids are distinct already).
    FROM (SELECT DISTINCT w.i FROM (SELECT i FROM proposal_term_deltas t, unnest(t.proposal_ids) i
                                    WHERE cardinality(t.proposal_ids) > 1 LIMIT 1000) w) q
    JOIN proposals p ON p.id = q.i
    JOIN picked_terms k ON p.search_grams && k.a
    CROSS JOIN LATERAL unnest(p.search_grams) AS g (term)
    WHERE g.term = ANY (k.a)
  ),
  -- Each picked bigram's proposals: from the postings' index alone, and from the pending bigrams. A fold
  -- moves a proposal's bigrams from its delta rows to its postings in one transaction, so the two meet only
  -- when an edit gives back a bigram whose posting is still there: the few pending pairs are checked
  -- against the postings and each kept once, and the postings' many rows are not deduplicated.
  hits AS (
    SELECT x.proposal_id AS id, k.term, k.idf FROM picked k JOIN proposal_term_postings x ON x.term = k.term
    UNION ALL
    SELECT q.id, k.term, k.idf
    FROM (SELECT DISTINCT pq.id, pq.term FROM pending pq) q JOIN picked k ON k.term = q.term
    WHERE NOT EXISTS (SELECT 1 FROM proposal_term_postings x WHERE x.term = q.term AND x.proposal_id = q.id)
  ),
  -- The proposals sharing the most of their weight. Proposals sharing the same bigrams tie; rounded to a
  -- millionth, a sum's last bits (which depend on the order rows came in) do not choose among them, the
  -- id does. Rounded in float8: as numeric, the conversions and comparisons of ~900 sums were a sixth of
  -- the check.
  pooled AS (
    SELECT h.id, round(sum(h.idf * h.idf) * 1e6) AS partial
    FROM hits h
    WHERE h.id IS DISTINCT FROM exclude_id
    GROUP BY h.id
    ORDER BY partial DESC, h.id
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
    WHERE p.status NOT IN ('withdrawn', 'merged')
  )
  SELECT s.id, s.number, s.title, s.status, s.score, s.is_published, s.proposer_id, s.responsible_division_id,
         array(SELECT cp.user_id FROM proposal_co_proposers cp WHERE cp.proposal_id = s.id ORDER BY cp.user_id),
         s.support_count,
         EXISTS (SELECT 1 FROM proposal_supports ps WHERE ps.proposal_id = s.id AND ps.user_id = viewer_id),
         (SELECT t.n FROM total t)::integer
  FROM scored s
  WHERE s.score >= min_score
  ORDER BY s.score DESC, s.submitted_at DESC, s.id
  LIMIT max_rows;
END
$$;
