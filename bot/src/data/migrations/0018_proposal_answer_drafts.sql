CREATE TABLE "proposal_answer_drafts" (
	"proposal_id" uuid PRIMARY KEY NOT NULL,
	"status" text,
	"answer" text,
	"author_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_answer_drafts_status_check" CHECK ("proposal_answer_drafts"."status" is null or "proposal_answer_drafts"."status" in ('received', 'under_consideration', 'settled', 'realised', 'blocked', 'withdrawn', 'merged'))
);
--> statement-breakpoint
ALTER TABLE "proposal_answer_drafts" ADD CONSTRAINT "proposal_answer_drafts_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_answer_drafts" ADD CONSTRAINT "proposal_answer_drafts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;