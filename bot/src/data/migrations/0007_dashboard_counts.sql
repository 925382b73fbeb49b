CREATE TABLE "proposal_counts_by_division" (
	"fiscal_year" integer NOT NULL,
	"proposer_division_id" uuid,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "proposal_counts_by_division_key" UNIQUE NULLS NOT DISTINCT("fiscal_year","proposer_division_id","status","category")
);
--> statement-breakpoint
CREATE TABLE "proposal_counts_by_month" (
	"fiscal_year" integer NOT NULL,
	"proposer_division_id" uuid,
	"status" text NOT NULL,
	"month" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "proposal_counts_by_month_key" UNIQUE NULLS NOT DISTINCT("fiscal_year","proposer_division_id","status","month")
);
--> statement-breakpoint
CREATE TABLE "proposal_realisation_counts" (
	"month" date NOT NULL,
	"proposer_division_id" uuid,
	"status" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "proposal_realisation_counts_key" UNIQUE NULLS NOT DISTINCT("month","proposer_division_id","status")
);
--> statement-breakpoint
CREATE TABLE "stamp_counts_by_month" (
	"month" date NOT NULL,
	"sender_division_id" uuid,
	"kind_code" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "stamp_counts_by_month_key" UNIQUE NULLS NOT DISTINCT("month","sender_division_id","kind_code")
);
--> statement-breakpoint
CREATE TABLE "stamp_senders_by_year" (
	"fiscal_year" integer NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_division_id" uuid,
	CONSTRAINT "stamp_senders_by_year_key" UNIQUE NULLS NOT DISTINCT("fiscal_year","sender_id","sender_division_id")
);
--> statement-breakpoint
CREATE INDEX "proposals_proposer_division_status_idx" ON "proposals" USING btree ("proposer_division_id","status","submitted_at" DESC NULLS LAST);--> statement-breakpoint
-- The dashboard's aggregates, kept exact by triggers in the changing transaction (see
-- bot/src/data/schema/dashboard-counts.ts). Tokyo month (first day) and fiscal year of an instant:
CREATE OR REPLACE FUNCTION app_tokyo_month(t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Tokyo')::date $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_tokyo_fiscal_year(t timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT extract(year FROM (t AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer $$;
--> statement-breakpoint
-- One proposal's change applied to the counts: the old row taken out, the new row added. Deltas are
-- summed per key first (a change within one key nets to nothing) and written in key order, so two
-- concurrent changes lock shared count rows in the same order and never wait for each other in a cycle.
CREATE OR REPLACE FUNCTION app_apply_proposal_counts(o proposals, n proposals) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO proposal_counts_by_division AS c (fiscal_year, proposer_division_id, status, category, count)
  SELECT fiscal_year, proposer_division_id, status, category, sum(delta)
  FROM (SELECT (o).fiscal_year, (o).proposer_division_id, (o).status, (o).category, -1 WHERE (o).id IS NOT NULL
        UNION ALL
        SELECT (n).fiscal_year, (n).proposer_division_id, (n).status, (n).category, 1 WHERE (n).id IS NOT NULL)
       AS d (fiscal_year, proposer_division_id, status, category, delta)
  GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (fiscal_year, proposer_division_id, status, category) DO UPDATE SET count = c.count + excluded.count;

  INSERT INTO proposal_counts_by_month AS c (fiscal_year, proposer_division_id, status, month, count)
  SELECT fiscal_year, proposer_division_id, status, month, sum(delta)
  FROM (SELECT (o).fiscal_year, (o).proposer_division_id, (o).status, app_tokyo_month((o).submitted_at), -1
        WHERE (o).id IS NOT NULL
        UNION ALL
        SELECT (n).fiscal_year, (n).proposer_division_id, (n).status, app_tokyo_month((n).submitted_at), 1
        WHERE (n).id IS NOT NULL)
       AS d (fiscal_year, proposer_division_id, status, month, delta)
  GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (fiscal_year, proposer_division_id, status, month) DO UPDATE SET count = c.count + excluded.count;

  INSERT INTO proposal_realisation_counts AS c (month, proposer_division_id, status, count)
  SELECT month, proposer_division_id, status, sum(delta)
  FROM (SELECT app_tokyo_month((o).realised_at), (o).proposer_division_id, (o).status, -1
        WHERE (o).realised_at IS NOT NULL
        UNION ALL
        SELECT app_tokyo_month((n).realised_at), (n).proposer_division_id, (n).status, 1
        WHERE (n).realised_at IS NOT NULL)
       AS d (month, proposer_division_id, status, delta)
  GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (month, proposer_division_id, status) DO UPDATE SET count = c.count + excluded.count;
$$;
--> statement-breakpoint
-- The same for one stamp. A sender stays in the fiscal year's active senders while any of their
-- stamps of that year (and division) remains; the AFTER trigger sees the table without the old row.
CREATE OR REPLACE FUNCTION app_apply_stamp_counts(o stamps, n stamps) RETURNS void
LANGUAGE sql
AS $$
  INSERT INTO stamp_counts_by_month AS c (month, sender_division_id, kind_code, count)
  SELECT month, sender_division_id, kind_code, sum(delta)
  FROM (SELECT app_tokyo_month((o).sent_at), (o).sender_division_id, (o).kind_code, -1 WHERE (o).id IS NOT NULL
        UNION ALL
        SELECT app_tokyo_month((n).sent_at), (n).sender_division_id, (n).kind_code, 1 WHERE (n).id IS NOT NULL)
       AS d (month, sender_division_id, kind_code, delta)
  GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (month, sender_division_id, kind_code) DO UPDATE SET count = c.count + excluded.count;

  INSERT INTO stamp_senders_by_year (fiscal_year, sender_id, sender_division_id)
  SELECT app_tokyo_fiscal_year((n).sent_at), (n).sender_id, (n).sender_division_id WHERE (n).id IS NOT NULL
  ON CONFLICT DO NOTHING;

  DELETE FROM stamp_senders_by_year y
  WHERE (o).id IS NOT NULL
    AND y.fiscal_year = app_tokyo_fiscal_year((o).sent_at)
    AND y.sender_id = (o).sender_id
    AND y.sender_division_id IS NOT DISTINCT FROM (o).sender_division_id
    AND NOT EXISTS (
      SELECT 1 FROM stamps s
      WHERE s.sender_id = (o).sender_id
        AND s.sender_division_id IS NOT DISTINCT FROM (o).sender_division_id
        AND s.sent_at >= make_timestamptz(app_tokyo_fiscal_year((o).sent_at), 4, 1, 0, 0, 0, 'Asia/Tokyo')
        AND s.sent_at < make_timestamptz(app_tokyo_fiscal_year((o).sent_at) + 1, 4, 1, 0, 0, 0, 'Asia/Tokyo'));
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_count_proposal() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_apply_proposal_counts(NULL, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM app_apply_proposal_counts(OLD, NULL);
  ELSE
    PERFORM app_apply_proposal_counts(OLD, NEW);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_count_stamp() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM app_apply_stamp_counts(NULL, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM app_apply_stamp_counts(OLD, NULL);
  ELSE
    PERFORM app_apply_stamp_counts(OLD, NEW);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- TRUNCATE (maintenance, tests) empties the counts with the table.
CREATE OR REPLACE FUNCTION app_clear_proposal_counts() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM proposal_counts_by_division;
  DELETE FROM proposal_counts_by_month;
  DELETE FROM proposal_realisation_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_clear_stamp_counts() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM stamp_counts_by_month;
  DELETE FROM stamp_senders_by_year;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposals_dashboard_counts
AFTER INSERT OR DELETE ON proposals
FOR EACH ROW EXECUTE FUNCTION app_count_proposal();
--> statement-breakpoint
CREATE TRIGGER proposals_dashboard_counts_update
AFTER UPDATE ON proposals
FOR EACH ROW
WHEN (OLD.fiscal_year IS DISTINCT FROM NEW.fiscal_year
   OR OLD.proposer_division_id IS DISTINCT FROM NEW.proposer_division_id
   OR OLD.status IS DISTINCT FROM NEW.status
   OR OLD.category IS DISTINCT FROM NEW.category
   OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
   OR OLD.realised_at IS DISTINCT FROM NEW.realised_at)
EXECUTE FUNCTION app_count_proposal();
--> statement-breakpoint
CREATE TRIGGER proposals_dashboard_counts_truncate
AFTER TRUNCATE ON proposals
FOR EACH STATEMENT EXECUTE FUNCTION app_clear_proposal_counts();
--> statement-breakpoint
CREATE TRIGGER stamps_dashboard_counts
AFTER INSERT OR DELETE ON stamps
FOR EACH ROW EXECUTE FUNCTION app_count_stamp();
--> statement-breakpoint
CREATE TRIGGER stamps_dashboard_counts_update
AFTER UPDATE ON stamps
FOR EACH ROW
WHEN (OLD.sent_at IS DISTINCT FROM NEW.sent_at
   OR OLD.sender_id IS DISTINCT FROM NEW.sender_id
   OR OLD.sender_division_id IS DISTINCT FROM NEW.sender_division_id
   OR OLD.kind_code IS DISTINCT FROM NEW.kind_code)
EXECUTE FUNCTION app_count_stamp();
--> statement-breakpoint
CREATE TRIGGER stamps_dashboard_counts_truncate
AFTER TRUNCATE ON stamps
FOR EACH STATEMENT EXECUTE FUNCTION app_clear_stamp_counts();
--> statement-breakpoint
-- Recomputes every count from the base tables: the backfill below, and the way back after loading
-- data with triggers disabled (session_replication_role = replica, as the bench's bulk seed does).
CREATE OR REPLACE FUNCTION app_rebuild_dashboard_counts() RETURNS void
LANGUAGE sql
AS $$
  DELETE FROM proposal_counts_by_division;
  DELETE FROM proposal_counts_by_month;
  DELETE FROM proposal_realisation_counts;
  DELETE FROM stamp_counts_by_month;
  DELETE FROM stamp_senders_by_year;
  INSERT INTO proposal_counts_by_division (fiscal_year, proposer_division_id, status, category, count)
  SELECT fiscal_year, proposer_division_id, status, category, count(*) FROM proposals GROUP BY 1, 2, 3, 4;
  INSERT INTO proposal_counts_by_month (fiscal_year, proposer_division_id, status, month, count)
  SELECT fiscal_year, proposer_division_id, status, app_tokyo_month(submitted_at), count(*)
  FROM proposals GROUP BY 1, 2, 3, 4;
  INSERT INTO proposal_realisation_counts (month, proposer_division_id, status, count)
  SELECT app_tokyo_month(realised_at), proposer_division_id, status, count(*)
  FROM proposals WHERE realised_at IS NOT NULL GROUP BY 1, 2, 3;
  INSERT INTO stamp_counts_by_month (month, sender_division_id, kind_code, count)
  SELECT app_tokyo_month(sent_at), sender_division_id, kind_code, count(*) FROM stamps GROUP BY 1, 2, 3;
  INSERT INTO stamp_senders_by_year (fiscal_year, sender_id, sender_division_id)
  SELECT DISTINCT app_tokyo_fiscal_year(sent_at), sender_id, sender_division_id FROM stamps;
$$;
--> statement-breakpoint
SELECT app_rebuild_dashboard_counts();
