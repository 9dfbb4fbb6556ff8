CREATE TABLE "payments"."inbox" (
	"consumer_group" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_event_id_pk" PRIMARY KEY("consumer_group","event_id")
);
--> statement-breakpoint
CREATE TABLE "payments"."outbox" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments"."journal_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"order_id" uuid,
	"farm_id" uuid,
	"description" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."journal_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"account" text NOT NULL,
	"farm_id" uuid,
	"amount" bigint NOT NULL,
	CONSTRAINT "journal_lines_amount_nonzero" CHECK ("payments"."journal_lines"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "payments"."confirm_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_key" text NOT NULL,
	"amount" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" text DEFAULT 'in_flight' NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tried_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "confirm_attempts_state_known" CHECK ("payments"."confirm_attempts"."state" in ('in_flight', 'succeeded', 'failed', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"shopper_id" uuid NOT NULL,
	"order_name" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text DEFAULT 'awaiting' NOT NULL,
	"payment_key" text,
	"method" text,
	"refunded_total" integer DEFAULT 0 NOT NULL,
	"virtual_account" jsonb,
	"deposit_secret" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_status_known" CHECK ("payments"."payments"."status" in ('awaiting', 'waiting_for_deposit', 'paid', 'expired', 'cancelled')),
	CONSTRAINT "payments_amount_nonnegative" CHECK ("payments"."payments"."amount" >= 0),
	CONSTRAINT "payments_refunds_within_amount" CHECK ("payments"."payments"."refunded_total" >= 0 and "payments"."payments"."refunded_total" <= "payments"."payments"."amount"),
	CONSTRAINT "payments_paid_has_key" CHECK ("payments"."payments"."status" not in ('paid', 'waiting_for_deposit') or "payments"."payments"."payment_key" is not null)
);
--> statement-breakpoint
CREATE TABLE "payments"."refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"request_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_positive" CHECK ("payments"."refunds"."amount" > 0),
	CONSTRAINT "refunds_status_known" CHECK ("payments"."refunds"."status" in ('pending', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "payments"."webhook_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"order_id" uuid NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payments"."journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "payments"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."confirm_attempts" ADD CONSTRAINT "confirm_attempts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "payments"."outbox" USING btree ("stream","seq") WHERE "payments"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_source_key" ON "payments"."journal_entries" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "journal_entries_farm_posted_idx" ON "payments"."journal_entries" USING btree ("farm_id","posted_at");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "payments"."journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "payments"."journal_lines" USING btree ("account");--> statement-breakpoint
CREATE UNIQUE INDEX "confirm_attempts_one_in_flight" ON "payments"."confirm_attempts" USING btree ("payment_id") WHERE "payments"."confirm_attempts"."state" = 'in_flight';--> statement-breakpoint
CREATE INDEX "confirm_attempts_unsettled_idx" ON "payments"."confirm_attempts" USING btree ("tried_at") WHERE "payments"."confirm_attempts"."state" in ('in_flight', 'unknown');--> statement-breakpoint
CREATE INDEX "confirm_attempts_payment_idx" ON "payments"."confirm_attempts" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_key" ON "payments"."payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payment_key_key" ON "payments"."payments" USING btree ("payment_key");--> statement-breakpoint
CREATE INDEX "payments_shopper_idx" ON "payments"."payments" USING btree ("shopper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_request_key_key" ON "payments"."refunds" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "payments"."refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refunds_pending_idx" ON "payments"."refunds" USING btree ("created_at") WHERE "payments"."refunds"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_receipts_unprocessed_idx" ON "payments"."webhook_receipts" USING btree ("received_at") WHERE "payments"."webhook_receipts"."processed_at" is null;