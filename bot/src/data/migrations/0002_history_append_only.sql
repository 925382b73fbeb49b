-- The proposal history is the audit trail: rows are only ever added. TRUNCATE (maintenance, tests)
-- is not covered, which is intended; UPDATE and DELETE are refused for every role, including the app's.
CREATE OR REPLACE FUNCTION app_refuse_history_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'proposal_history is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposal_history_append_only
BEFORE UPDATE OR DELETE ON proposal_history
FOR EACH ROW EXECUTE FUNCTION app_refuse_history_change();
