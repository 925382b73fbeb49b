ALTER TABLE "proposal_history" ADD COLUMN "comment_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_history" ADD COLUMN "signed" boolean DEFAULT false NOT NULL;