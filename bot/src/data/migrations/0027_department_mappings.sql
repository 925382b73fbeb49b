CREATE TABLE "department_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_name" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"division_id" uuid,
	"user_count" integer DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "department_mappings_department_name_unique" UNIQUE("department_name"),
	CONSTRAINT "department_mappings_state_check" CHECK ("department_mappings"."state" in ('pending', 'mapped', 'ignored')),
	CONSTRAINT "department_mappings_division_check" CHECK (("department_mappings"."state" = 'mapped') = ("department_mappings"."division_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "directory_sync_state" (
	"name" text PRIMARY KEY NOT NULL,
	"delta_link" text,
	"last_run_at" timestamp with time zone,
	"last_result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_department" text;--> statement-breakpoint
ALTER TABLE "department_mappings" ADD CONSTRAINT "department_mappings_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;