CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enrolment_hash" text,
	"enrolment_until" timestamp with time zone,
	"credential_hash" text,
	"enrolled_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_services" (
	"counter_id" uuid NOT NULL,
	"leistung_id" text NOT NULL,
	CONSTRAINT "counter_services_counter_id_leistung_id_pk" PRIMARY KEY("counter_id","leistung_id")
);
--> statement-breakpoint
CREATE TABLE "counter_sessions" (
	"counter_id" uuid PRIMARY KEY NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_settings" (
	"location_id" text PRIMARY KEY NOT NULL,
	"appointment_prefix" text DEFAULT 'T' NOT NULL,
	"walk_in_prefix" text DEFAULT 'W' NOT NULL,
	"walk_in_stop_minutes_before_close" integer DEFAULT 30 NOT NULL,
	"check_in_earliest_minutes" integer DEFAULT 60 NOT NULL,
	"late_tolerance_minutes" integer DEFAULT 15 NOT NULL,
	"late_rule" text DEFAULT 'walk_in' NOT NULL,
	"max_calls" integer DEFAULT 3 NOT NULL,
	"recall_after_seconds" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_times" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"location_id" text NOT NULL,
	"service_ids" jsonb NOT NULL,
	"minutes" integer NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"location_id" text NOT NULL,
	"counter_id" uuid NOT NULL,
	"number" text NOT NULL,
	"counter_name" text NOT NULL,
	"called_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_numbers" (
	"location_id" text NOT NULL,
	"day" text NOT NULL,
	"prefix" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "ticket_numbers_location_id_day_prefix_pk" PRIMARY KEY("location_id","day","prefix")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"secret_hash" text NOT NULL,
	"location_id" text NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"service_ids" jsonb NOT NULL,
	"appointment_id" uuid,
	"appointment_at" timestamp with time zone,
	"status" text DEFAULT 'waiting' NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"priority_reason" text,
	"counter_id" uuid,
	"arrived_at" timestamp with time zone NOT NULL,
	"called_counter_id" uuid,
	"call_count" integer DEFAULT 0 NOT NULL,
	"last_called_at" timestamp with time zone,
	"serving_started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"issued_by" text NOT NULL,
	"note" text,
	"lang" text DEFAULT 'de' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "walk_in_quotas" (
	"location_id" text NOT NULL,
	"leistung_id" text NOT NULL,
	"daily_quota" integer NOT NULL,
	CONSTRAINT "walk_in_quotas_location_id_leistung_id_pk" PRIMARY KEY("location_id","leistung_id"),
	CONSTRAINT "walk_in_quota_check" CHECK ("walk_in_quotas"."daily_quota" >= 0)
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_services" ADD CONSTRAINT "counter_services_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_services" ADD CONSTRAINT "counter_services_leistung_id_leistungen_id_fk" FOREIGN KEY ("leistung_id") REFERENCES "public"."leistungen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_sessions" ADD CONSTRAINT "counter_sessions_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_sessions" ADD CONSTRAINT "counter_sessions_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_settings" ADD CONSTRAINT "queue_settings_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_calls" ADD CONSTRAINT "ticket_calls_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_calls" ADD CONSTRAINT "ticket_calls_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_called_counter_id_counters_id_fk" FOREIGN KEY ("called_counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_in_quotas" ADD CONSTRAINT "walk_in_quotas_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "walk_in_quotas" ADD CONSTRAINT "walk_in_quotas_leistung_id_leistungen_id_fk" FOREIGN KEY ("leistung_id") REFERENCES "public"."leistungen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_location_idx" ON "devices" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "service_times_location_idx" ON "service_times" USING btree ("location_id","finished_at");--> statement-breakpoint
CREATE INDEX "ticket_calls_location_idx" ON "ticket_calls" USING btree ("location_id","called_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_idx" ON "tickets" USING btree ("location_id","day","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_appointment_idx" ON "tickets" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("location_id","day","status");