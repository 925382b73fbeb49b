-- A merged division hands every reference to its successor (services/organisation/divisions-admin.ts).
-- A row written while the merge runs could still name the merged division (it read the person's
-- division just before): these triggers replace a merged division by its successor on every write,
-- after waiting for a merge in progress (FOR KEY SHARE waits for the merge's row lock and then reads
-- the committed successor), so no new row names a merged division.
CREATE OR REPLACE FUNCTION app_successor_division(d uuid) RETURNS uuid
LANGUAGE plpgsql
AS $$
DECLARE
  successor uuid;
  hops integer := 0;
BEGIN
  WHILE d IS NOT NULL AND hops < 20 LOOP
    SELECT merged_into_id INTO successor FROM divisions WHERE id = d FOR KEY SHARE;
    EXIT WHEN successor IS NULL;
    d := successor;
    hops := hops + 1;
  END LOOP;
  RETURN d;
END
$$;
--> statement-breakpoint
-- The columns to redirect are the trigger's arguments.
CREATE OR REPLACE FUNCTION app_redirect_merged_divisions() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  col text;
  named uuid;
  successor uuid;
BEGIN
  FOREACH col IN ARRAY TG_ARGV LOOP
    named := (to_jsonb(NEW) ->> col)::uuid;
    IF named IS NOT NULL THEN
      successor := app_successor_division(named);
      IF successor IS DISTINCT FROM named THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(col, successor));
      END IF;
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposals_merged_divisions
BEFORE INSERT OR UPDATE OF proposer_division_id, responsible_division_id ON proposals
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('proposer_division_id', 'responsible_division_id');
--> statement-breakpoint
CREATE TRIGGER stamps_merged_divisions
BEFORE INSERT OR UPDATE OF sender_division_id, recipient_division_id ON stamps
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('sender_division_id', 'recipient_division_id');
--> statement-breakpoint
CREATE TRIGGER users_merged_divisions
BEFORE INSERT OR UPDATE OF division_id ON users
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('division_id');
--> statement-breakpoint
CREATE TRIGGER priority_projects_merged_divisions
BEFORE INSERT OR UPDATE OF owner_division_id ON priority_projects
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('owner_division_id');
--> statement-breakpoint
CREATE TRIGGER department_mappings_merged_divisions
BEFORE INSERT OR UPDATE OF division_id ON department_mappings
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('division_id');
