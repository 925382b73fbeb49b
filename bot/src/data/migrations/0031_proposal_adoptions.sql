CREATE TABLE "proposal_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"division_id" uuid NOT NULL,
	"state" text NOT NULL,
	"note" text,
	"adopted_on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_adoptions_proposal_id_division_id_key" UNIQUE("proposal_id","division_id"),
	CONSTRAINT "proposal_adoptions_state_check" CHECK ("proposal_adoptions"."state" in ('adopted', 'considering')),
	CONSTRAINT "proposal_adoptions_note_check" CHECK (char_length("proposal_adoptions"."note") <= 200)
);
--> statement-breakpoint
ALTER TABLE "proposal_adoptions" ADD CONSTRAINT "proposal_adoptions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_adoptions" ADD CONSTRAINT "proposal_adoptions_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_adoptions" ADD CONSTRAINT "proposal_adoptions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_adoptions_adopted_on_idx" ON "proposal_adoptions" USING btree ("adopted_on","proposal_id","division_id","state");--> statement-breakpoint
CREATE INDEX "proposal_adoptions_division_id_idx" ON "proposal_adoptions" USING btree ("division_id","adopted_on");--> statement-breakpoint
-- A record written while its division is being merged names the successor (migration division_merge_redirect).
CREATE TRIGGER proposal_adoptions_merged_divisions
BEFORE INSERT OR UPDATE OF division_id ON proposal_adoptions
FOR EACH ROW EXECUTE FUNCTION app_redirect_merged_divisions('division_id');
