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
-- worker, every 2 s). The similar check reads the counts alone: a frequency may lag a few seconds
-- behind the proposals, which only weights the check (a proposal's own bigrams weigh once folded).
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
-- The queue for a fiscal year's numbers (proposal-numbering.ts): every writer of a counter row takes this
-- transaction lock first. The row lock alone keeps numbers unique and gap-free, but 50 submissions
-- waiting on one row all wake at each commit and race for the new version (ON CONFLICT retries), so
-- throughput fell as clients were added; waiters on an advisory lock are granted one at a time.
CREATE OR REPLACE FUNCTION app_lock_proposal_numbers(fiscal_year integer) RETURNS boolean
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('proposal-numbers'), $1);
  RETURN true;
END
$$;
