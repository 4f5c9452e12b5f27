CREATE TABLE "appointment_slots" (
	"appointment_id" uuid NOT NULL,
	"location_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_slots_appointment_id_starts_at_pk" PRIMARY KEY("appointment_id","starts_at")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"token_hash" text NOT NULL,
	"location_id" text NOT NULL,
	"service_ids" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"hold_until" timestamp with time zone,
	"confirm_until" timestamp with time zone,
	"name" text,
	"email" text,
	"phone" text,
	"note" text,
	"lang" text DEFAULT 'de' NOT NULL,
	"replaces_id" uuid,
	"offer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"reminder_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "booking_policies" (
	"location_id" text PRIMARY KEY NOT NULL,
	"slot_minutes" integer DEFAULT 10 NOT NULL,
	"online_share_percent" integer DEFAULT 75 NOT NULL,
	"earliest_days_ahead" integer DEFAULT 0 NOT NULL,
	"latest_days_ahead" integer DEFAULT 60 NOT NULL,
	"release_time" text DEFAULT '08:00' NOT NULL,
	"min_lead_minutes" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slot_capacity" (
	"location_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"day" text NOT NULL,
	"online_capacity" integer NOT NULL,
	"internal_capacity" integer NOT NULL,
	"online_taken" integer DEFAULT 0 NOT NULL,
	"internal_taken" integer DEFAULT 0 NOT NULL,
	"frozen_until" timestamp with time zone,
	"blocked" boolean DEFAULT false NOT NULL,
	CONSTRAINT "slot_capacity_location_id_starts_at_pk" PRIMARY KEY("location_id","starts_at"),
	CONSTRAINT "slot_online_within_capacity" CHECK ("slot_capacity"."online_taken" >= 0 and "slot_capacity"."online_taken" <= "slot_capacity"."online_capacity"),
	CONSTRAINT "slot_internal_within_capacity" CHECK ("slot_capacity"."internal_taken" >= 0 and "slot_capacity"."internal_taken" <= "slot_capacity"."internal_capacity")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lang" text DEFAULT 'de' NOT NULL,
	"kind" text NOT NULL,
	"reference" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_policies" ADD CONSTRAINT "booking_policies_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_capacity" ADD CONSTRAINT "slot_capacity_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_idx" ON "appointments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "appointments_location_day_idx" ON "appointments" USING btree ("location_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_email_idx" ON "appointments" USING btree ("email");--> statement-breakpoint
CREATE INDEX "appointments_hold_idx" ON "appointments" USING btree ("hold_until") WHERE "appointments"."status" = 'held';--> statement-breakpoint
CREATE INDEX "appointments_confirm_idx" ON "appointments" USING btree ("confirm_until") WHERE "appointments"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "slot_capacity_day_idx" ON "slot_capacity" USING btree ("location_id","day");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "outbox_reference_idx" ON "outbox" USING btree ("kind","reference");