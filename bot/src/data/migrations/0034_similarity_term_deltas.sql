CREATE TABLE "proposal_term_deltas" (
	"terms" text[] NOT NULL,
	"deltas" integer[] NOT NULL
);
--> statement-breakpoint
-- Document frequencies are no longer updated in the writing transaction (migration 0013 did): every
-- submission updated ~100 rows of proposal_term_counts shared with every other submission (the total,
-- 「する」…) while it held the fiscal year's number lock, so submissions queued on those rows and the
-- similar check walked their chains of dead versions. The triggers now append one row of deltas per
-- statement, a row no one else touches; app_fold_proposal_term_deltas adds them to the counts (the
-- worker, every few seconds), and the similar check counts what is pending, so frequencies read the same.
ALTER TABLE "proposal_term_deltas" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_apply_term_counts(terms text[], deltas int[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_term_deltas (terms, deltas)
  SELECT array_agg(s.term ORDER BY s.term COLLATE "C"), array_agg(s.delta ORDER BY s.term COLLATE "C")
  FROM (SELECT d.term, sum(d.delta)::int AS delta FROM unnest($1, $2) AS d (term, delta)
        GROUP BY d.term HAVING sum(d.delta) <> 0) s
  HAVING count(*) > 0;
$$;
--> statement-breakpoint
-- Adds the pending deltas to the counts and removes them, in one statement: rows a concurrent fold
-- removed first are skipped, rows of transactions not yet committed stay for the next fold. Terms are
-- written in byte order, so two folds never wait for each other in a cycle. Returns the rows folded.
CREATE OR REPLACE FUNCTION app_fold_proposal_term_deltas() RETURNS integer
LANGUAGE sql
AS $$
  WITH taken AS (DELETE FROM proposal_term_deltas RETURNING terms, deltas),
  applied AS (
    INSERT INTO proposal_term_counts AS c (term, proposals)
    SELECT d.term, sum(d.delta) FROM taken t, unnest(t.terms, t.deltas) AS d (term, delta)
    GROUP BY d.term HAVING sum(d.delta) <> 0 ORDER BY d.term COLLATE "C"
    ON CONFLICT (term) DO UPDATE SET proposals = c.proposals + excluded.proposals
  )
  SELECT count(*)::int FROM taken;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_clear_term_counts() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM proposal_term_deltas;
  DELETE FROM proposal_term_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The rebuild keeps proposals still (SHARE: no writer between clearing the deltas and counting), so a
-- submission is counted once, by the rebuild or by its pending delta.
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
END
$$;
--> statement-breakpoint
-- The similar check (migration 0014) with document frequencies = folded counts + pending deltas. The
-- pending deltas are summed once per check (the worker folds them every few seconds, so they are few)
-- and every frequency is looked up once: the draft's bigrams, then the candidates' bigrams together.
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
  WITH pending AS MATERIALIZED (
    SELECT d.term, sum(d.delta)::int AS delta
    FROM proposal_term_deltas t, unnest(t.terms, t.deltas) AS d (term, delta)
    GROUP BY d.term
  ),
  total AS (
    SELECT greatest(coalesce((SELECT c.proposals FROM proposal_term_counts c WHERE c.term = ''), 0)
                    + coalesce((SELECT p.delta FROM pending p WHERE p.term = ''), 0), 1)::float8 AS n
  ),
  draft AS (
    SELECT f.term, f.df, ln((t.n + 1) / (f.df + 0.5)) AS idf
    FROM (
      SELECT g AS term, coalesce(c.proposals, 0) + coalesce(p.delta, 0) AS df
      FROM (SELECT DISTINCT g FROM unnest(app_search_grams(draft_text)) g WHERE length(g) = 2) u
      LEFT JOIN proposal_term_counts c ON c.term = u.g
      LEFT JOIN pending p ON p.term = u.g
    ) f
    CROSS JOIN total t
    WHERE f.df > 0
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
  -- The candidates' bigrams and each one's weight, every frequency looked up once.
  grams AS MATERIALIZED (
    SELECT x.id, g AS term FROM pooled x JOIN proposals p ON p.id = x.id, unnest(p.search_grams) g
    WHERE length(g) = 2
  ),
  weights AS (
    SELECT f.term, ln((t.n + 1) / (f.df + 0.5)) AS idf
    FROM (
      SELECT u.term, coalesce(c.proposals, 0) + coalesce(p.delta, 0) AS df
      FROM (SELECT DISTINCT term FROM grams) u
      LEFT JOIN proposal_term_counts c ON c.term = u.term
      LEFT JOIN pending p ON p.term = u.term
    ) f
    CROSS JOIN total t
    WHERE f.df > 0
  ),
  -- The cosine of the two IDF-weighted bigram sets.
  sums AS (
    SELECT k.id, sum(w.idf * w.idf) AS doc, sum(CASE WHEN d.term IS NULL THEN 0 ELSE d.idf * d.idf END) AS dot
    FROM grams k
    JOIN weights w ON w.term = k.term
    LEFT JOIN draft d ON d.term = k.term
    GROUP BY k.id
  ),
  scored AS (
    SELECT p.id, p.number, p.title, p.status, p.is_published, p.proposer_id, p.responsible_division_id,
           p.submitted_at, s.dot / nullif((SELECT norm.q FROM norm) * sqrt(s.doc), 0) AS score
    FROM pooled x
    JOIN proposals p ON p.id = x.id
    JOIN sums s ON s.id = x.id
  )
  SELECT s.id, s.number, s.title, s.status, s.score, s.is_published, s.proposer_id, s.responsible_division_id,
         array(SELECT cp.user_id FROM proposal_co_proposers cp WHERE cp.proposal_id = s.id ORDER BY cp.user_id)
  FROM scored s
  WHERE s.score >= min_score
  ORDER BY s.score DESC, s.submitted_at DESC, s.id
  LIMIT max_rows;
END
$$;
