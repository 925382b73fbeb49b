CREATE TABLE "master_data_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "master_data_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"entity_key" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "master_data_changes" ADD CONSTRAINT "master_data_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "master_data_changes_entity_idx" ON "master_data_changes" USING btree ("entity","entity_key","created_at");--> statement-breakpoint
CREATE INDEX "master_data_changes_created_at_idx" ON "master_data_changes" USING btree ("created_at");--> statement-breakpoint
-- An audit trail like role_changes (migration 0008): rows are only ever added.
CREATE TRIGGER master_data_changes_append_only
BEFORE UPDATE OR DELETE ON master_data_changes
FOR EACH ROW EXECUTE FUNCTION app_refuse_audit_change();
