CREATE TABLE "follower_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"digest_key" text
);
--> statement-breakpoint
CREATE TABLE "proposal_follows" (
	"proposal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_follows_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id"),
	CONSTRAINT "proposal_follows_source_check" CHECK ("proposal_follows"."source" in ('support', 'co_proposer', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_supports_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "support_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notification_preference" text DEFAULT 'daily' NOT NULL;--> statement-breakpoint
ALTER TABLE "follower_updates" ADD CONSTRAINT "follower_updates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower_updates" ADD CONSTRAINT "follower_updates_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_follows" ADD CONSTRAINT "proposal_follows_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_follows" ADD CONSTRAINT "proposal_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follower_updates_pending_idx" ON "follower_updates" USING btree ("user_id","created_at") WHERE "follower_updates"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "follower_updates_proposal_id_idx" ON "follower_updates" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_follows_user_id_idx" ON "proposal_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_supports_user_id_idx" ON "proposal_supports" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_support_count_idx" ON "proposals" USING btree ("support_count","submitted_at","number");--> statement-breakpoint
CREATE INDEX "proposals_open_supported_idx" ON "proposals" USING btree ("support_count") WHERE "proposals"."support_count" > 0 and "proposals"."status" in ('received', 'under_consideration', 'settled', 'blocked');--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_notification_preference_check" CHECK ("users"."notification_preference" in ('immediate', 'daily', 'none'));--> statement-breakpoint
-- Co-proposers follow the proposals they co-proposed (new ones are added at submission and import).
INSERT INTO "proposal_follows" ("proposal_id", "user_id", "source")
SELECT "proposal_id", "user_id", 'co_proposer' FROM "proposal_co_proposers"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Every path that adds a co-proposer (submission, import, demo seed) makes them a follower, in the
-- same statement, so no write path can forget it.
CREATE OR REPLACE FUNCTION app_follow_as_co_proposer() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO proposal_follows (proposal_id, user_id, source)
  SELECT proposal_id, user_id, 'co_proposer' FROM added_rows
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER proposal_co_proposers_follow
AFTER INSERT ON proposal_co_proposers
REFERENCING NEW TABLE AS added_rows
FOR EACH STATEMENT EXECUTE FUNCTION app_follow_as_co_proposer();
