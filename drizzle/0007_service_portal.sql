CREATE TABLE "dev_idp_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dev_idp_store" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"uid" text,
	"user_code" text,
	"expires_at" timestamp with time zone,
	CONSTRAINT "dev_idp_store_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE TABLE "application_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"service_key" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid,
	"case_id" uuid,
	"field" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"purpose" text,
	"subject_name" text NOT NULL,
	"verification_code" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issuer" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"certificate_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"applicant_name" text NOT NULL,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"gave_up_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "register_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_name" text NOT NULL,
	"family_name_key" text NOT NULL,
	"given_names" text NOT NULL,
	"birth_date" text NOT NULL,
	"information_block" boolean DEFAULT false NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text,
	"text" jsonb NOT NULL,
	"actor" text,
	"internal" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_numbers" (
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_numbers_prefix_year_pk" PRIMARY KEY("prefix","year")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"service_key" text NOT NULL,
	"status" text NOT NULL,
	"subject" text NOT NULL,
	"applicant_name" text NOT NULL,
	"email" text,
	"lang" text NOT NULL,
	"answers" json NOT NULL,
	"identity" json NOT NULL,
	"data" jsonb NOT NULL,
	"review_reason" text,
	"assigned_to" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"claims" jsonb NOT NULL,
	"id_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_payment_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"purpose" text NOT NULL,
	"items" jsonb NOT NULL,
	"return_url" text NOT NULL,
	"status" text DEFAULT 'INITIAL' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose_kind" text NOT NULL,
	"reference" text NOT NULL,
	"request_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"transaction_id" text,
	"redirect_url" text,
	"amount_cents" integer NOT NULL,
	"purpose" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'INITIAL' NOT NULL,
	"continue_url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "application_uploads" ADD CONSTRAINT "application_uploads_draft_id_application_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."application_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dev_idp_store_uid_idx" ON "dev_idp_store" USING btree ("model","uid");--> statement-breakpoint
CREATE INDEX "dev_idp_store_grant_idx" ON "dev_idp_store" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "dev_idp_store_expires_idx" ON "dev_idp_store" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "application_drafts_open_idx" ON "application_drafts" USING btree ("subject","service_key") WHERE "application_drafts"."submitted_at" is null;--> statement-breakpoint
CREATE INDEX "application_drafts_expires_idx" ON "application_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "application_uploads_draft_idx" ON "application_uploads" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "application_uploads_case_idx" ON "application_uploads" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_verification_code_idx" ON "certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "certificates_case_idx" ON "certificates" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certificates_issued_idx" ON "certificates" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "certificate_mails_created_idx" ON "certificate_mails" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "certificate_mails_case_idx" ON "certificate_mails" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certificate_mails_due_idx" ON "certificate_mails" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "register_persons_lookup_idx" ON "register_persons" USING btree ("family_name_key","birth_date");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_idx" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "cases_subject_idx" ON "cases" USING btree ("subject","created_at");--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "citizen_sessions_expires_idx" ON "citizen_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "local_payment_transactions_request_id_idx" ON "local_payment_transactions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_request_id_idx" ON "payments" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reference_attempt_idx" ON "payments" USING btree ("reference","attempt");--> statement-breakpoint
CREATE INDEX "payments_pending_idx" ON "payments" USING btree ("created_at") WHERE "payments"."status" = 'INITIAL';