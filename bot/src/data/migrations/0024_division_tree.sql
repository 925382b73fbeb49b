ALTER TABLE "divisions" ADD COLUMN "kind" text DEFAULT 'division' NOT NULL;--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_parent_id_divisions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_merged_into_id_divisions_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "divisions_parent_id_idx" ON "divisions" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_kind_check" CHECK ("divisions"."kind" in ('bureau', 'division', 'branch'));--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_not_own_parent_check" CHECK ("divisions"."parent_id" <> "divisions"."id");