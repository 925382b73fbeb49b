CREATE TABLE "proposal_search_norms" (
	"proposal_id" uuid PRIMARY KEY NOT NULL,
	"norm" double precision NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_term_deltas" ADD COLUMN "proposal_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_search_norms" ADD CONSTRAINT "proposal_search_norms_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_search_norms_total_idx" ON "proposal_search_norms" USING btree ("total");--> statement-breakpoint
-- Every scan of a GIN index reads its whole fast-update pending list, which new proposals filled to
-- 4 MB between vacuums: the similar check took 13.7 ms at 40,000 proposals with the list full, 7.4 ms
-- with it empty. Without the list each submission adds its ~80 entries to the index itself.
ALTER INDEX "proposals_search_grams_idx" SET (fastupdate = false);
--> statement-breakpoint
SELECT gin_clean_pending_list('proposals_search_grams_idx'::regclass);
--> statement-breakpoint
-- The search norms (proposal_search_norms, see its schema file): the similar check's cosine divides by
-- the length of each candidate's IDF-weighted bigram vector; looking up the document frequency of its
-- ~80 bigrams for each of the 20 candidates was half of the check. The triggers' delta rows now name
-- the proposals written, and the fold computes their norms once the counts include them.
DROP FUNCTION app_apply_term_counts(text[], integer[]);
--> statement-breakpoint
CREATE FUNCTION app_apply_term_counts(terms text[], deltas int[], written uuid[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_term_deltas (terms, deltas, proposal_ids)
  SELECT array_agg(s.term ORDER BY s.term COLLATE "C"), array_agg(s.delta ORDER BY s.term COLLATE "C"),
         coalesce($3, '{}')
  FROM (SELECT d.term, sum(d.delta)::int AS delta FROM unnest($1, $2) AS d (term, delta)
        GROUP BY d.term HAVING sum(d.delta) <> 0) s
  HAVING count(*) > 0;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_count_inserted_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(n::int), (SELECT array_agg(r.id) FROM changed_rows r))
  FROM (SELECT g AS term, count(*) AS n FROM changed_rows r, unnest(r.search_grams) g WHERE length(g) = 2 GROUP BY g
        UNION ALL SELECT '', count(*) FROM changed_rows) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_count_deleted_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(-n::int), '{}')
  FROM (SELECT g AS term, count(*) AS n FROM removed_rows r, unnest(r.search_grams) g WHERE length(g) = 2 GROUP BY g
        UNION ALL SELECT '', count(*) FROM removed_rows) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_count_edited_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(delta), ARRAY[NEW.id])
  FROM (SELECT g AS term, -1 AS delta FROM unnest(OLD.search_grams) g WHERE length(g) = 2
        UNION ALL
        SELECT g, 1 FROM unnest(NEW.search_grams) g WHERE length(g) = 2) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The norms of the given proposals at today's counts (ln((N + 1) / (df + 0.5)) per bigram, as the check
-- weighs them), in id order so that two folds at once never wait for each other in a cycle.
CREATE FUNCTION app_store_search_norms(ids uuid[]) RETURNS void
LANGUAGE sql
AS $$
  WITH total AS (
    SELECT greatest(coalesce((SELECT c.proposals FROM proposal_term_counts c WHERE c.term = ''), 0), 1) AS n
  )
  INSERT INTO proposal_search_norms AS s (proposal_id, norm, total)
  SELECT p.id,
         coalesce((SELECT sqrt(sum(power(ln((t.n + 1.0) / (c.proposals + 0.5)), 2)))
                   FROM unnest(p.search_grams) g
                   JOIN proposal_term_counts c ON c.term = g AND c.proposals > 0
                   WHERE length(g) = 2), 0),
         t.n
  FROM proposals p CROSS JOIN total t
  WHERE p.id = ANY($1)
  ORDER BY p.id
  ON CONFLICT (proposal_id) DO UPDATE SET norm = excluded.norm, total = excluded.total;
$$;
--> statement-breakpoint
-- The fold: the pending deltas added to the counts (as in migration 0034), then the norms of the
-- proposals they came from, then up to 2,000 norms taken while the number of proposals was more than a
-- tenth away from today's (a stored norm drifts with N; a bounded batch per fold keeps the worker's
-- tick short when history is imported). Returns the delta rows folded.
CREATE OR REPLACE FUNCTION app_fold_proposal_term_deltas() RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  folded integer;
  written uuid[];
  n integer;
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
  n := greatest(coalesce((SELECT c.proposals FROM proposal_term_counts c WHERE c.term = ''), 0), 1);
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
  DELETE FROM proposal_search_norms;
  PERFORM app_store_search_norms(ARRAY(SELECT p.id FROM proposals p));
END
$$;
--> statement-breakpoint
SELECT app_fold_proposal_term_deltas();
--> statement-breakpoint
SELECT app_store_search_norms(ARRAY(SELECT p.id FROM proposals p));
--> statement-breakpoint
-- The check of migration 0014, reading the candidates' stored norms, and returning with each candidate
-- its 賛同 count and whether the asker supports it (the form offers 賛同 on a look-alike: one round trip
-- fewer than reading the shown proposals again).
DROP FUNCTION app_similar_proposals(text, integer, integer, integer, float8, integer, uuid);
--> statement-breakpoint
CREATE FUNCTION app_similar_proposals(
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
           p.submitted_at, p.support_count, dot.value / nullif((SELECT norm.q FROM norm) * sqrt(doc.value), 0) AS score
    FROM pooled x
    JOIN proposals p ON p.id = x.id
    LEFT JOIN proposal_search_norms sn ON sn.proposal_id = p.id
    CROSS JOIN LATERAL (
      SELECT sum(d.idf * d.idf) AS value FROM unnest(p.search_grams) g JOIN draft d ON d.term = g
    ) dot
    -- The stored norm; a proposal the fold has not reached yet is weighed here.
    CROSS JOIN LATERAL (
      SELECT CASE WHEN sn.norm IS NOT NULL THEN sn.norm * sn.norm ELSE (
        SELECT sum(power(ln((t.n + 1) / (c.proposals + 0.5)), 2))
        FROM unnest(p.search_grams) g
        JOIN proposal_term_counts c ON c.term = g AND c.proposals > 0
        CROSS JOIN total t
        WHERE length(g) = 2
      ) END AS value
    ) doc
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
--> statement-breakpoint
-- Without statistics the planner joined the new table badly (11 ms a check instead of 4).
ANALYZE proposal_search_norms;
