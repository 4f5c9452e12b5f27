CREATE TABLE "id_document_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_name" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "id_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial_number" text NOT NULL,
	"document_type" text NOT NULL,
	"status" text DEFAULT 'in_bearbeitung' NOT NULL,
	"location_id" text NOT NULL,
	"applicant_name" text,
	"applicant_birth_date" text,
	"contact_email" text,
	"contact_phone" text,
	"contact_consent_at" timestamp with time zone,
	"contact_lang" text DEFAULT 'de' NOT NULL,
	"signup_code_hash" text,
	"applied_at" timestamp with time zone NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"handed_over_at" timestamp with time zone,
	"handover" jsonb,
	"personal_data_purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provider_id" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "id_document_events" ADD CONSTRAINT "id_document_events_document_id_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."id_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "id_documents" ADD CONSTRAINT "id_documents_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "id_document_events_document_idx" ON "id_document_events" USING btree ("document_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "id_documents_serial_idx" ON "id_documents" USING btree ("serial_number");--> statement-breakpoint
CREATE INDEX "id_documents_status_idx" ON "id_documents" USING btree ("status","status_changed_at");--> statement-breakpoint
CREATE INDEX "id_documents_location_idx" ON "id_documents" USING btree ("location_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "service_accounts_key_idx" ON "service_accounts" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "sms_outbox_due_idx" ON "sms_outbox" USING btree ("status","next_attempt_at");