CREATE TABLE "proposal_term_counts" (
	"term" text PRIMARY KEY NOT NULL,
	"proposals" integer NOT NULL
);
