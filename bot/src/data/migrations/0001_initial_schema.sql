CREATE TABLE "conversation_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" text NOT NULL,
	"conversation_type" text NOT NULL,
	"tenant_id" text,
	"user_id" uuid,
	"service_url" text NOT NULL,
	"reference" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_references_conversation_id_unique" UNIQUE("conversation_id")
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"department" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "divisions_code_unique" UNIQUE("code"),
	CONSTRAINT "divisions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "priority_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"theme_no" integer NOT NULL,
	"theme_title" text NOT NULL,
	"item_no" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_division_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_projects_fiscal_year_theme_no_item_no_key" UNIQUE("fiscal_year","theme_no","item_no"),
	CONSTRAINT "priority_projects_progress_check" CHECK ("priority_projects"."progress" between 0 and 100),
	CONSTRAINT "priority_projects_status_check" CHECK ("priority_projects"."status" in ('planned', 'in_progress', 'done', 'on_hold'))
);
--> statement-breakpoint
CREATE TABLE "project_progress_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"author_id" uuid,
	"progress" integer NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_progress_updates_progress_check" CHECK ("project_progress_updates"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "proposal_co_proposers" (
	"proposal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "proposal_co_proposers_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_counters" (
	"fiscal_year" integer PRIMARY KEY NOT NULL,
	"last_sequence" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_project_links" (
	"proposal_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_project_links_proposal_id_project_id_pk" PRIMARY KEY("proposal_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"expected_effect" text,
	"proposer_id" uuid,
	"proposer_name" text NOT NULL,
	"proposer_division_id" uuid,
	"responsible_division_id" uuid,
	"horizon" text,
	"status" text DEFAULT 'received' NOT NULL,
	"block_reason" text,
	"block_reason_note" text,
	"revisit_on" date,
	"answer" text,
	"answered_at" timestamp with time zone,
	"merged_into_id" uuid,
	"is_published" boolean DEFAULT false NOT NULL,
	"client_request_id" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"realised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_grams" text[] GENERATED ALWAYS AS (app_search_grams(title || ' ' || body || ' ' || coalesce(expected_effect, ''))) STORED NOT NULL,
	CONSTRAINT "proposals_number_unique" UNIQUE("number"),
	CONSTRAINT "proposals_client_request_id_unique" UNIQUE("client_request_id"),
	CONSTRAINT "proposals_fiscal_year_sequence_key" UNIQUE("fiscal_year","sequence"),
	CONSTRAINT "proposals_status_check" CHECK ("proposals"."status" in ('received', 'under_consideration', 'settled', 'realised', 'blocked', 'withdrawn', 'merged')),
	CONSTRAINT "proposals_horizon_check" CHECK ("proposals"."horizon" is null or "proposals"."horizon" in ('short', 'medium', 'long')),
	CONSTRAINT "proposals_block_reason_check" CHECK (("proposals"."status" = 'blocked') = ("proposals"."block_reason" is not null) and ("proposals"."block_reason" is null or "proposals"."block_reason" in ('legal', 'security', 'budget', 'system', 'other'))),
	CONSTRAINT "proposals_merged_check" CHECK (("proposals"."status" = 'merged') = ("proposals"."merged_into_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "stamp_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"emoji" text NOT NULL,
	"purpose" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamp_kinds_purpose_check" CHECK ("stamp_kinds"."purpose" in ('appreciation', 'one_on_one'))
);
--> statement-breakpoint
CREATE TABLE "stamps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind_code" text NOT NULL,
	"sender_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"sender_division_id" uuid,
	"recipient_division_id" uuid,
	"message" text,
	"request_id" text NOT NULL,
	"delivery_status" text DEFAULT 'pending' NOT NULL,
	"delivered_at" timestamp with time zone,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamps_request_id_recipient_id_key" UNIQUE("request_id","recipient_id"),
	CONSTRAINT "stamps_not_self_check" CHECK ("stamps"."sender_id" <> "stamps"."recipient_id"),
	CONSTRAINT "stamps_delivery_status_check" CHECK ("stamps"."delivery_status" in ('pending', 'delivered', 'undeliverable'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"aad_object_id" text,
	"tenant_id" text,
	"email" text,
	"display_name" text NOT NULL,
	"division_id" uuid,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_aad_object_id_unique" UNIQUE("aad_object_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_references" ADD CONSTRAINT "conversation_references_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_projects" ADD CONSTRAINT "priority_projects_owner_division_id_divisions_id_fk" FOREIGN KEY ("owner_division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress_updates" ADD CONSTRAINT "project_progress_updates_project_id_priority_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."priority_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress_updates" ADD CONSTRAINT "project_progress_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_co_proposers" ADD CONSTRAINT "proposal_co_proposers_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_co_proposers" ADD CONSTRAINT "proposal_co_proposers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_history" ADD CONSTRAINT "proposal_history_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_history" ADD CONSTRAINT "proposal_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_project_links" ADD CONSTRAINT "proposal_project_links_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_project_links" ADD CONSTRAINT "proposal_project_links_project_id_priority_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."priority_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_project_links" ADD CONSTRAINT "proposal_project_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_division_id_divisions_id_fk" FOREIGN KEY ("proposer_division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_responsible_division_id_divisions_id_fk" FOREIGN KEY ("responsible_division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_merged_into_id_proposals_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_kind_code_stamp_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."stamp_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_sender_division_id_divisions_id_fk" FOREIGN KEY ("sender_division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_recipient_division_id_divisions_id_fk" FOREIGN KEY ("recipient_division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_references_user_id_idx" ON "conversation_references" USING btree ("user_id","conversation_type");--> statement-breakpoint
CREATE INDEX "priority_projects_owner_division_id_idx" ON "priority_projects" USING btree ("owner_division_id");--> statement-breakpoint
CREATE INDEX "project_progress_updates_project_id_idx" ON "project_progress_updates" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "proposal_co_proposers_user_id_idx" ON "proposal_co_proposers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_history_proposal_id_idx" ON "proposal_history" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE INDEX "proposal_project_links_project_id_idx" ON "proposal_project_links" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "proposals_fiscal_year_submitted_at_idx" ON "proposals" USING btree ("fiscal_year","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_fiscal_year_status_idx" ON "proposals" USING btree ("fiscal_year","status");--> statement-breakpoint
CREATE INDEX "proposals_status_submitted_at_idx" ON "proposals" USING btree ("status","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_submitted_at_idx" ON "proposals" USING btree ("submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_proposer_id_idx" ON "proposals" USING btree ("proposer_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_proposer_division_id_idx" ON "proposals" USING btree ("proposer_division_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_responsible_division_id_idx" ON "proposals" USING btree ("responsible_division_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_category_idx" ON "proposals" USING btree ("category","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_merged_into_id_idx" ON "proposals" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "proposals_search_grams_idx" ON "proposals" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "stamps_sent_at_idx" ON "stamps" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "stamps_sender_id_idx" ON "stamps" USING btree ("sender_id","sent_at");--> statement-breakpoint
CREATE INDEX "stamps_recipient_id_idx" ON "stamps" USING btree ("recipient_id","sent_at");--> statement-breakpoint
CREATE INDEX "stamps_sender_division_id_idx" ON "stamps" USING btree ("sender_division_id","sent_at");--> statement-breakpoint
CREATE INDEX "stamps_kind_code_idx" ON "stamps" USING btree ("kind_code","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_division_id_idx" ON "users" USING btree ("division_id");