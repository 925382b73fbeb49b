-- Two parts of the similar check's upkeep (migration 0038) that read more than they need (issue 16).
--
-- 1. The norm with each bigram's count looked up once, not twice: flattened, the subquery's
-- lookup was repeated for each use of df (the weight and the filter); OFFSET 0 keeps it whole, as the
-- check's own lookup does since migration 0039. It weighs the norms the fold stores (up to 2,000 per fold)
-- and, in the check, a proposal the fold has not reached yet. The result is the same.
CREATE OR REPLACE FUNCTION app_search_norm(grams text[], n float8) RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(sqrt(sum(power(app_term_idf(n, x.df), 2))), 0)
  FROM (SELECT (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = g) AS df
        FROM unnest(grams) g WHERE length(g) = 2 OFFSET 0) x
  WHERE x.df > 0
$$;
--> statement-breakpoint
-- 2. The norms to take again (those taken at a number of proposals more than a tenth away from n) found
-- through the index on total, at most max_rows, the lowest totals first. The fold of migration 0038
-- compared the integer total with a float, which no index answers, so every fold, one that took nothing
-- included, read all the norms: 10-18 ms at 100,000 proposals, every 2 s, growing with the history.
-- One SELECT, so a query calling it in FROM plans it in place (its plan is tested).
CREATE FUNCTION app_search_norms_to_retake(n float8, max_rows integer) RETURNS SETOF uuid
LANGUAGE sql STABLE
AS $$
  SELECT x.proposal_id FROM (
    (SELECT s.proposal_id, s.total FROM proposal_search_norms s
     WHERE s.total < ceil(n * 0.9)::integer ORDER BY s.total LIMIT max_rows)
    UNION ALL
    (SELECT s.proposal_id, s.total FROM proposal_search_norms s
     WHERE s.total > floor(n * 1.1)::integer ORDER BY s.total LIMIT max_rows)
  ) x
  ORDER BY x.total
  LIMIT max_rows
$$;
--> statement-breakpoint
-- The fold of migration 0038, taking again the norms the function above finds.
CREATE OR REPLACE FUNCTION app_fold_proposal_term_deltas() RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  folded integer;
  written uuid[];
  closed uuid[];
  changed_terms text[];
  changed_deltas integer[];
  crossed_up text[];
  crossed_down text[];
  removed_terms text[];
  removed_ids uuid[];
  n float8;
  cap constant integer := app_search_postings_cap();
BEGIN
  WITH taken AS (DELETE FROM proposal_term_deltas RETURNING terms, deltas, proposal_ids),
  summed AS (
    SELECT d.term, sum(d.delta)::int AS delta FROM taken t, unnest(t.terms, t.deltas) AS d (term, delta)
    GROUP BY d.term HAVING sum(d.delta) <> 0
  ),
  applied AS (
    INSERT INTO proposal_term_counts AS c (term, proposals)
    SELECT s.term, s.delta FROM summed s ORDER BY s.term COLLATE "C"
    ON CONFLICT (term) DO UPDATE SET proposals = c.proposals + excluded.proposals
  ),
  removed AS (
    SELECT d.term, i AS proposal_id
    FROM taken t, unnest(t.terms, t.deltas) AS d (term, delta), unnest(t.proposal_ids) i
    WHERE d.delta < 0 AND length(d.term) = 2
      AND cardinality(t.terms)::bigint * cardinality(t.proposal_ids) <= 100000
  )
  SELECT (SELECT count(*)::int FROM taken),
         (SELECT array_agg(DISTINCT i) FROM taken w, unnest(w.proposal_ids) i),
         (SELECT array_agg(m.term ORDER BY m.term) FROM summed m WHERE m.term <> ''),
         (SELECT array_agg(m.delta ORDER BY m.term) FROM summed m WHERE m.term <> ''),
         (SELECT array_agg(r.term ORDER BY r.term, r.proposal_id) FROM removed r),
         (SELECT array_agg(r.proposal_id ORDER BY r.term, r.proposal_id) FROM removed r)
  INTO folded, written, changed_terms, changed_deltas, removed_terms, removed_ids;
  -- The bigrams whose count crossed the cap, one way or the other (each count looked up by its key).
  SELECT array_agg(d.term) FILTER (WHERE d.now > cap), array_agg(d.term) FILTER (WHERE d.now <= cap)
  INTO crossed_up, crossed_down
  FROM (SELECT x.term, x.delta, (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = x.term) AS now
        FROM unnest(changed_terms, changed_deltas) AS x (term, delta)) d
  WHERE (d.now > cap) <> (d.now - d.delta > cap);
  IF removed_terms IS NOT NULL THEN
    DELETE FROM proposal_term_postings x USING unnest(removed_terms, removed_ids) AS r (term, proposal_id)
    WHERE x.term = r.term AND x.proposal_id = r.proposal_id;
  END IF;
  IF written IS NOT NULL THEN
    closed := ARRAY(SELECT p.id FROM proposals p WHERE p.id = ANY(written) AND p.status IN ('withdrawn', 'merged'));
    IF cardinality(closed) > 0 THEN
      DELETE FROM proposal_term_postings x
      USING (SELECT p.id, g FROM proposals p, unnest(p.search_grams) g WHERE p.id = ANY(closed)) c
      WHERE x.term = c.g AND x.proposal_id = c.id;
    END IF;
    PERFORM app_add_search_postings(written);
    PERFORM app_store_search_norms(written);
  END IF;
  IF crossed_up IS NOT NULL THEN
    DELETE FROM proposal_term_postings x WHERE x.term = ANY(crossed_up);
  END IF;
  IF crossed_down IS NOT NULL THEN
    INSERT INTO proposal_term_postings (term, proposal_id)
    SELECT t, p.id FROM unnest(crossed_down) t
    JOIN proposals p ON p.search_grams @> ARRAY[t] AND p.status NOT IN ('withdrawn', 'merged')
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  END IF;
  n := app_search_total();
  PERFORM app_store_search_norms(ARRAY(SELECT r.id FROM app_search_norms_to_retake(n, 2000) AS r (id)));
  RETURN folded;
END
$$;
