CREATE TABLE "app_install_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requested_by" uuid NOT NULL,
	"target_user_id" uuid NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposals" DROP CONSTRAINT "proposals_client_request_id_unique";--> statement-breakpoint
ALTER TABLE "stamps" DROP CONSTRAINT "stamps_request_id_recipient_id_key";--> statement-breakpoint
ALTER TABLE "app_install_attempts" ADD CONSTRAINT "app_install_attempts_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_install_attempts" ADD CONSTRAINT "app_install_attempts_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_install_attempts_requested_by_idx" ON "app_install_attempts" USING btree ("requested_by","attempted_at");--> statement-breakpoint
CREATE INDEX "app_install_attempts_target_user_id_idx" ON "app_install_attempts" USING btree ("target_user_id","attempted_at");--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_id_client_request_id_key" UNIQUE("proposer_id","client_request_id");--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_sender_id_request_id_recipient_id_key" UNIQUE("sender_id","request_id","recipient_id");