-- Functions every submission calls, in PL/pgSQL instead of SQL, statement for statement the same. A SQL
-- function that cannot be inlined (several statements; or FROM, aggregates) is parsed and planned again
-- for every statement that calls it; PL/pgSQL keeps each statement's plan for the session.
-- 1. The dashboard counts' upkeep (migration 0007), called by the trigger of every proposal and stamp row
--    written: 0.6 ms of a submission's 1.5 ms insert; 0.58-0.75 -> 0.23-0.31 ms per call.
-- 2. app_search_grams (migration 0006), called by the generated column of every proposal written and by
--    every similar check: 0.43 -> 0.25 ms per call. Its result is unchanged, so the stored bigrams are too.
CREATE OR REPLACE FUNCTION app_apply_proposal_counts(o proposals, n proposals) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
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
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_apply_stamp_counts(o stamps, n stamps) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
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
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_search_grams(input text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  RETURN (
    SELECT coalesce(array_agg(DISTINCT gram), '{}')
    FROM (SELECT string_to_array(app_search_normalize(input), NULL) AS c OFFSET 0) AS chars,
         LATERAL unnest(c, c[2:]) AS pairs(a, b),
         LATERAL (VALUES (a), (a || b)) AS grams(gram)
    WHERE gram <> '' AND position(' ' in gram) = 0
  );
END
$$;
