CREATE TABLE "role_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"actor_id" uuid,
	"roles_before" text[] NOT NULL,
	"roles_after" text[] NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_changes_roles_check" CHECK ("role_changes"."roles_before" <@ array['office', 'admin'] and "role_changes"."roles_after" <@ array['office', 'admin'])
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "entra_roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "entra_roles_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_name" text GENERATED ALWAYS AS (app_search_normalize(display_name || ' ' || coalesce(email, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "role_changes" ADD CONSTRAINT "role_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_changes" ADD CONSTRAINT "role_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_changes_user_id_idx" ON "role_changes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "role_changes_created_at_idx" ON "role_changes" USING btree ("created_at");--> statement-breakpoint
-- Role changes are an audit trail like proposal_history (migration 0002): rows are only ever added.
-- UPDATE and DELETE are refused for every role, the app's included; TRUNCATE (maintenance, tests) is
-- not covered, which is intended.
CREATE OR REPLACE FUNCTION app_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER role_changes_append_only
BEFORE UPDATE OR DELETE ON role_changes
FOR EACH ROW EXECUTE FUNCTION app_refuse_audit_change();
