ALTER TABLE "stamps" ADD COLUMN "proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "stamps" ADD COLUMN "priority_project_id" uuid;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_priority_project_id_priority_projects_id_fk" FOREIGN KEY ("priority_project_id") REFERENCES "public"."priority_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stamps_proposal_id_idx" ON "stamps" USING btree ("proposal_id","sent_at") WHERE "stamps"."proposal_id" is not null;--> statement-breakpoint
CREATE INDEX "stamps_priority_project_id_idx" ON "stamps" USING btree ("priority_project_id","sent_at") WHERE "stamps"."priority_project_id" is not null;--> statement-breakpoint
CREATE INDEX "stamps_about_sent_at_idx" ON "stamps" USING btree ("sent_at","sender_division_id") WHERE "stamps"."proposal_id" is not null or "stamps"."priority_project_id" is not null;