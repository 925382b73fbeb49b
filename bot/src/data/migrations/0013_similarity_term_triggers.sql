-- Document frequencies of the proposals' bigrams (proposal_term_counts, see
-- bot/src/data/schema/proposal-term-counts.ts), kept exact in the writing transaction.
-- Terms are the two-character elements of search_grams (NFKC, ASCII lower case, whatever the locale);
-- the empty term counts the proposals. Deltas are summed per term and written in byte order, so two
-- concurrent writers lock shared rows in the same order and never wait for each other in a cycle.
-- Every submission updates the counts of its ~100 bigrams, and the common ones (「する」, the total) in
-- every submission: leave room on each page for HOT updates, and vacuum the table after a few thousand
-- dead rows instead of a fifth of it, so lookups do not walk long chains of dead versions.
ALTER TABLE "proposal_term_counts" SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0.05);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_apply_term_counts(terms text[], deltas int[]) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_term_counts AS c (term, proposals)
  SELECT term, sum(delta) FROM unnest(terms, deltas) AS d (term, delta)
  GROUP BY term HAVING sum(delta) <> 0 ORDER BY term COLLATE "C"
  ON CONFLICT (term) DO UPDATE SET proposals = c.proposals + excluded.proposals;
$$;
--> statement-breakpoint
-- Inserts and deletes: once per statement over its transition table, so an import of thousands of
-- proposals updates each term once instead of once per proposal.
CREATE OR REPLACE FUNCTION app_count_inserted_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(n::int))
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
  PERFORM app_apply_term_counts(array_agg(term), array_agg(-n::int))
  FROM (SELECT g AS term, count(*) AS n FROM removed_rows r, unnest(r.search_grams) g WHERE length(g) = 2 GROUP BY g
        UNION ALL SELECT '', count(*) FROM removed_rows) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Edits of a proposal's text (rare, one row at a time): the terms it lost and the terms it gained.
CREATE OR REPLACE FUNCTION app_count_edited_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM app_apply_term_counts(array_agg(term), array_agg(delta))
  FROM (SELECT g AS term, -1 AS delta FROM unnest(OLD.search_grams) g WHERE length(g) = 2
        UNION ALL
        SELECT g, 1 FROM unnest(NEW.search_grams) g WHERE length(g) = 2) d;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_clear_term_counts() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM proposal_term_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposals_term_counts_insert
AFTER INSERT ON proposals
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION app_count_inserted_terms();
--> statement-breakpoint
CREATE TRIGGER proposals_term_counts_delete
AFTER DELETE ON proposals
REFERENCING OLD TABLE AS removed_rows
FOR EACH STATEMENT EXECUTE FUNCTION app_count_deleted_terms();
--> statement-breakpoint
CREATE TRIGGER proposals_term_counts_update
AFTER UPDATE ON proposals
FOR EACH ROW
WHEN (OLD.search_grams IS DISTINCT FROM NEW.search_grams)
EXECUTE FUNCTION app_count_edited_terms();
--> statement-breakpoint
CREATE TRIGGER proposals_term_counts_truncate
AFTER TRUNCATE ON proposals
FOR EACH STATEMENT EXECUTE FUNCTION app_clear_term_counts();
--> statement-breakpoint
-- Recomputes the counts from the proposals: the backfill below, and the way back after loading data
-- with triggers disabled (session_replication_role = replica, as the bench's bulk seeds do).
CREATE OR REPLACE FUNCTION app_rebuild_proposal_term_counts() RETURNS void
LANGUAGE sql
AS $$
  DELETE FROM proposal_term_counts;
  INSERT INTO proposal_term_counts (term, proposals)
  SELECT g, count(*) FROM proposals p, unnest(p.search_grams) g WHERE length(g) = 2 GROUP BY g
  UNION ALL SELECT '', count(*) FROM proposals;
$$;
--> statement-breakpoint
SELECT app_rebuild_proposal_term_counts();
