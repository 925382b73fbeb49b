CREATE TABLE "proposal_term_postings" (
	"term" text NOT NULL,
	"proposal_id" uuid NOT NULL,
	CONSTRAINT "proposal_term_postings_term_proposal_id_pk" PRIMARY KEY("term","proposal_id")
);
--> statement-breakpoint
-- Index-only lookups need the visibility map: vacuum after a hundredth of the table is new, not a fifth.
ALTER TABLE "proposal_term_postings" SET (autovacuum_vacuum_insert_scale_factor = 0.01);
--> statement-breakpoint
-- Bigrams held by more proposals than this keep no postings: the check never looks them up (its bound
-- on postings is 1,500), so the table holds at most this many rows per bigram however large the history.
CREATE FUNCTION app_search_postings_cap() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT 3000
$$;
--> statement-breakpoint
-- The postings a set of open proposals gives, for the bigrams below the cap at today's counts. Each count
-- is looked up by its key: joined, a planner misled by stale statistics (PGlite has no autovacuum) may
-- scan the counts once per bigram.
CREATE FUNCTION app_add_search_postings(ids uuid[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_term_postings (term, proposal_id)
  SELECT g, p.id
  FROM proposals p, unnest(p.search_grams) g
  WHERE p.id = ANY($1) AND p.status NOT IN ('withdrawn', 'merged') AND length(g) = 2
    AND (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = g) <= app_search_postings_cap()
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
-- The norm of migration 0037 with each count looked up by its key: as a join, a planner misled by stale
-- statistics (PGlite has no autovacuum) scanned the counts once per bigram, and a fold of the demo
-- seed's 648 proposals took 15 s instead of one.
CREATE OR REPLACE FUNCTION app_search_norm(grams text[], n float8) RETURNS float8
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT coalesce(sqrt(sum(power(app_term_idf(n, x.df), 2))), 0)
  FROM (SELECT (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = g) AS df
        FROM unnest(grams) g WHERE length(g) = 2) x
  WHERE x.df > 0
$$;
--> statement-breakpoint
-- A proposal that leaves or rejoins the open ones (withdrawn, merged, reopened) leaves or rejoins the
-- postings: its id goes to the fold like a written one's, with no change to the counts.
CREATE FUNCTION app_note_status_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO proposal_term_deltas (terms, deltas, proposal_ids) VALUES ('{}', '{}', ARRAY[NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposals_term_postings_status
AFTER UPDATE OF status ON proposals
FOR EACH ROW
WHEN ((OLD.status IN ('withdrawn', 'merged')) IS DISTINCT FROM (NEW.status IN ('withdrawn', 'merged')))
EXECUTE FUNCTION app_note_status_change();
--> statement-breakpoint
-- Deletes now name the proposals removed, so the fold can remove their postings.
CREATE OR REPLACE FUNCTION app_count_deleted_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(-n::int), (SELECT array_agg(r.id) FROM removed_rows r))
  FROM (SELECT g AS term, count(*) AS n FROM removed_rows r, unnest(r.search_grams) g WHERE length(g) = 2 GROUP BY g
        UNION ALL SELECT '', count(*) FROM removed_rows) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_clear_term_counts() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM proposal_term_deltas;
  DELETE FROM proposal_term_counts;
  DELETE FROM proposal_term_postings;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The fold of migration 0037, keeping the postings as well: a statement's delta row names the proposals
-- it wrote and the bigrams it added or took away. Taken-away bigrams leave those proposals' postings
-- (paired row by row; a statement that removed bigrams from more than 100,000 pairs at once, a bulk
-- delete, leaves them for the rebuild: the check skips a posting whose proposal is gone or no longer
-- holds the bigram, as it scores every candidate from its own text); open proposals then add theirs, closed
-- ones remove them. A bigram whose count rises past the cap loses its postings; one that falls back to
-- it gets them from the gram index.
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
  PERFORM app_store_search_norms(ARRAY(
    SELECT s.proposal_id FROM proposal_search_norms s
    WHERE s.total < n * 0.9 OR s.total > n * 1.1
    ORDER BY s.total
    LIMIT 2000));
  RETURN folded;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_rebuild_proposal_term_counts() RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  LOCK TABLE proposals IN SHARE MODE;
  DELETE FROM proposal_term_deltas;
  DELETE FROM proposal_term_counts;
  INSERT INTO proposal_term_counts (term, proposals)
  SELECT g, count(*) FROM proposals p, unnest(p.search_grams) g WHERE length(g) = 2 GROUP BY g
  UNION ALL SELECT '', count(*) FROM proposals;
  DELETE FROM proposal_term_postings;
  INSERT INTO proposal_term_postings (term, proposal_id)
  SELECT g, p.id
  FROM proposals p, unnest(p.search_grams) g
  JOIN proposal_term_counts c ON c.term = g
  WHERE p.status NOT IN ('withdrawn', 'merged') AND length(g) = 2 AND c.proposals <= app_search_postings_cap()
  ORDER BY 1, 2;
  DELETE FROM proposal_search_norms;
  PERFORM app_store_search_norms(ARRAY(SELECT p.id FROM proposals p));
END
$$;
--> statement-breakpoint
-- The postings of the proposals there are: the derived tables recomputed by the one function that does it.
SELECT app_rebuild_proposal_term_counts();
--> statement-breakpoint
-- The check of migration 0037 reading the postings instead of the gram index, and the proposals the fold
-- has not reached (written in the last seconds) from their own bigrams. A candidate is scored from its own
-- text, so a posting its proposal no longer has (or a proposal withdrawn since the fold) changes nothing
-- but the pool.
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
  -- Each count looked up by its key (see app_search_norm).
  draft AS (
    SELECT x.term, x.df, app_term_idf(t.n, x.df) AS idf
    FROM (SELECT g AS term, (SELECT c.proposals FROM proposal_term_counts c WHERE c.term = g) AS df
          FROM unnest(app_search_grams(draft_text)) g WHERE length(g) = 2) x
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
  -- The bigrams of proposals written since the last fold (the fold runs every 2 s): a submission's delta
  -- row holds them itself; a bulk statement's (an import) are read from its proposals, at most a thousand.
  pending AS MATERIALIZED (
    SELECT t.proposal_ids[1] AS id, d.term
    FROM proposal_term_deltas t, unnest(t.terms, t.deltas) AS d (term, delta)
    WHERE cardinality(t.proposal_ids) = 1 AND d.delta > 0 AND d.term IN (SELECT k.term FROM picked k)
    UNION ALL
    SELECT p.id, g.term
    -- The thousand taken before DISTINCT: a large import's ids are not all read by every check until
    -- its fold (a statement's ids are distinct already).
    FROM (SELECT DISTINCT w.i FROM (SELECT i FROM proposal_term_deltas t, unnest(t.proposal_ids) i
                                    WHERE cardinality(t.proposal_ids) > 1 LIMIT 1000) w) q
    JOIN proposals p ON p.id = q.i
    CROSS JOIN LATERAL unnest(p.search_grams) AS g (term)
    WHERE g.term IN (SELECT k.term FROM picked k)
  ),
  -- Each picked bigram's proposals: from the postings' index alone, and from the pending bigrams.
  hits AS (
    SELECT x.proposal_id AS id, k.term, k.idf FROM picked k JOIN proposal_term_postings x ON x.term = k.term
    UNION
    SELECT q.id, k.term, k.idf FROM pending q JOIN picked k ON k.term = q.term
  ),
  -- The proposals sharing the most of their weight. Proposals sharing the same bigrams tie; rounded, a
  -- sum's last bits (which depend on the order rows came in) do not choose among them, the id does.
  pooled AS (
    SELECT h.id, round(sum(h.idf * h.idf)::numeric, 9) AS partial
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
         EXISTS (SELECT 1 FROM proposal_supports ps WHERE ps.proposal_id = s.id AND ps.user_id = viewer_id)
  FROM scored s
  WHERE s.score >= min_score
  ORDER BY s.score DESC, s.submitted_at DESC, s.id
  LIMIT max_rows;
END
$$;
