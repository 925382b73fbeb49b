DROP INDEX "proposals_submitted_at_idx";--> statement-breakpoint
CREATE INDEX "proposals_submitted_at_number_idx" ON "proposals" USING btree ("submitted_at","number");--> statement-breakpoint
CREATE INDEX "proposals_published_idx" ON "proposals" USING btree ("is_published","submitted_at");