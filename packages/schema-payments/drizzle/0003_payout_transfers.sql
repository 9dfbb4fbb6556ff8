CREATE TABLE "payments"."pg_settlement_checks" (
	"date" date PRIMARY KEY NOT NULL,
	"checked" integer NOT NULL,
	"differences" integer NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."pg_settlement_differences" (
	"date" date NOT NULL,
	"order_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"ours" bigint NOT NULL,
	"pg" bigint NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pg_settlement_differences_date_order_id_pk" PRIMARY KEY("date","order_id")
);
--> statement-breakpoint
CREATE TABLE "payments"."settlement_runs" (
	"period_end" date PRIMARY KEY NOT NULL,
	"period_start" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"payouts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments"."payouts" ALTER COLUMN "paid_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "status" text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "transfer" text;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "transfer_ref" text;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "bank_code" text;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "account_last4" text;--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD COLUMN "holder_name" text;--> statement-breakpoint
CREATE INDEX "payouts_requested_idx" ON "payments"."payouts" USING btree ("created_at") WHERE "payments"."payouts"."status" = 'requested';--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD CONSTRAINT "payouts_status_known" CHECK ("payments"."payouts"."status" in ('requested', 'paid'));--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD CONSTRAINT "payouts_paid_has_time" CHECK ("payments"."payouts"."status" <> 'paid' or "payments"."payouts"."paid_at" is not null);