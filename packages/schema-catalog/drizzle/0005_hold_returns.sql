CREATE TABLE "catalog"."hold_return_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"restocked" boolean NOT NULL,
	CONSTRAINT "hold_return_lines_quantity_positive" CHECK ("catalog"."hold_return_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."hold_returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hold_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hold_returns_reason_known" CHECK ("catalog"."hold_returns"."reason" in ('cancelled', 'shortage'))
);
--> statement-breakpoint
ALTER TABLE "catalog"."hold_return_lines" ADD CONSTRAINT "hold_return_lines_return_id_hold_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "catalog"."hold_returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_return_lines" ADD CONSTRAINT "hold_return_lines_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "catalog"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_return_lines" ADD CONSTRAINT "hold_return_lines_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "catalog"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_returns" ADD CONSTRAINT "hold_returns_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "catalog"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hold_return_lines_return_idx" ON "catalog"."hold_return_lines" USING btree ("return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hold_returns_idempotency_key_key" ON "catalog"."hold_returns" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "hold_returns_hold_idx" ON "catalog"."hold_returns" USING btree ("hold_id");