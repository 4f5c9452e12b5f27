CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"lang" text DEFAULT 'de' NOT NULL,
	"service_ids" jsonb NOT NULL,
	"location_ids" jsonb NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"times_of_day" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opt_in_until" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "waitlist_active_idx" ON "waitlist_entries" USING btree ("status","activated_at");