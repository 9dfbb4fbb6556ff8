-- The migrate runner creates the schema (owned by fruitables_identity) before this runs.
CREATE SCHEMA IF NOT EXISTS "identity";
--> statement-breakpoint
CREATE TABLE "identity"."account_farms" (
	"account_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_farms_account_id_farm_id_pk" PRIMARY KEY("account_id","farm_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"display_name" text NOT NULL,
	"mobile_sealed" text,
	"roles" text[] DEFAULT '{shopper}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_roles_known" CHECK ("identity"."accounts"."roles" <@ array['shopper', 'farmer', 'admin']::text[]),
	CONSTRAINT "accounts_status_known" CHECK ("identity"."accounts"."status" in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "identity"."addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"phone_sealed" text NOT NULL,
	"road_address" text NOT NULL,
	"address_detail" text DEFAULT '' NOT NULL,
	"zone_code" text NOT NULL,
	"delivery_notes_sealed" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."farmer_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"farm_name" text NOT NULL,
	"representative_name" text NOT NULL,
	"business_registration_number" text NOT NULL,
	"road_address" text NOT NULL,
	"zone_code" text NOT NULL,
	"phone_sealed" text NOT NULL,
	"bank_code" text NOT NULL,
	"bank_account_number_sealed" text NOT NULL,
	"bank_account_last4" text NOT NULL,
	"bank_account_holder" text NOT NULL,
	"rejection_reason" text,
	"farm_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "farmer_applications_status_known" CHECK ("identity"."farmer_applications"."status" in ('pending', 'verified', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "identity"."farms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."inbox" (
	"consumer_group" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_event_id_pk" PRIMARY KEY("consumer_group","event_id")
);
--> statement-breakpoint
CREATE TABLE "identity"."outbox" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity"."refresh_token_families" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "identity"."refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"access_token_id" uuid NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."account_farms" ADD CONSTRAINT "account_farms_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."account_farms" ADD CONSTRAINT "account_farms_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "identity"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."addresses" ADD CONSTRAINT "addresses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."farmer_applications" ADD CONSTRAINT "farmer_applications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."farmer_applications" ADD CONSTRAINT "farmer_applications_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "identity"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."refresh_token_families" ADD CONSTRAINT "refresh_token_families_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_refresh_token_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "identity"."refresh_token_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_farms_farm_idx" ON "identity"."account_farms" USING btree ("farm_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_key" ON "identity"."accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "addresses_account_idx" ON "identity"."addresses" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_one_default" ON "identity"."addresses" USING btree ("account_id") WHERE "identity"."addresses"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "farmer_applications_one_pending" ON "identity"."farmer_applications" USING btree ("account_id") WHERE "identity"."farmer_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "farmer_applications_account_idx" ON "identity"."farmer_applications" USING btree ("account_id","submitted_at");--> statement-breakpoint
CREATE INDEX "farmer_applications_status_idx" ON "identity"."farmer_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "identity"."outbox" USING btree ("stream","seq") WHERE "identity"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "refresh_token_families_account_idx" ON "identity"."refresh_token_families" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "identity"."refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "identity"."refresh_tokens" USING btree ("family_id");