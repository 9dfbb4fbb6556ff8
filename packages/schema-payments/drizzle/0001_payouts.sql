CREATE TABLE "payments"."payout_holds" (
	"farm_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."payouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"farm_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"journal_entry_id" uuid,
	"paid_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_amount_positive" CHECK ("payments"."payouts"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments"."payouts" ADD CONSTRAINT "payouts_journal_entry_id_journal_entries_id_fk" FOREIGN KEY ("journal_entry_id") REFERENCES "payments"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_farm_period_key" ON "payments"."payouts" USING btree ("farm_id","period_end");