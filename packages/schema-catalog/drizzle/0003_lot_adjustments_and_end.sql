CREATE TABLE "catalog"."lot_adjustments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"account_id" uuid,
	"previous_on_hand" integer NOT NULL,
	"on_hand" integer NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lot_adjustments_reason_known" CHECK ("catalog"."lot_adjustments"."reason" in ('damage', 'recount', 'ended')),
	CONSTRAINT "lot_adjustments_on_hand_nonnegative" CHECK ("catalog"."lot_adjustments"."previous_on_hand" >= 0 and "catalog"."lot_adjustments"."on_hand" >= 0),
	CONSTRAINT "lot_adjustments_note_length" CHECK (char_length("catalog"."lot_adjustments"."note") <= 200)
);
--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalog"."lot_adjustments" ADD CONSTRAINT "lot_adjustments_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "catalog"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."lot_adjustments" ADD CONSTRAINT "lot_adjustments_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lot_adjustments_lot_created_idx" ON "catalog"."lot_adjustments" USING btree ("lot_id","created_at");--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD CONSTRAINT "lots_ended_nothing_free" CHECK ("catalog"."lots"."ended_at" is null or "catalog"."lots"."on_hand" = "catalog"."lots"."reserved");--> statement-breakpoint
-- Hand-written from here: drizzle-kit does not manage triggers. A lot ended early no longer
-- counts as its offer's newest harvest (the "newest harvest" sort and the search card's date),
-- whichever code path ends it; boxes it sold still count towards popularity (sold_boxes).
CREATE OR REPLACE FUNCTION "catalog"."offers_note_new_lots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "catalog"."offers" o
	SET "newest_harvest_on" = greatest(o."newest_harvest_on", n.newest)
	FROM (SELECT "offer_id", max("harvested_on") AS newest FROM new_lots WHERE "ended_at" IS NULL GROUP BY "offer_id") n
	WHERE o."id" = n."offer_id" AND (o."newest_harvest_on" IS NULL OR o."newest_harvest_on" < n.newest);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "catalog"."offers_note_ended_lots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "catalog"."offers" o
	SET "newest_harvest_on" = (
		SELECT max(l."harvested_on") FROM "catalog"."lots" l WHERE l."offer_id" = o."id" AND l."ended_at" IS NULL
	)
	WHERE o."id" IN (
		SELECT n."offer_id" FROM new_lots n JOIN old_lots ON old_lots."id" = n."id"
		WHERE old_lots."ended_at" IS NULL AND n."ended_at" IS NOT NULL
	);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "lots_note_ended_lots" AFTER UPDATE ON "catalog"."lots"
	REFERENCING OLD TABLE AS old_lots NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."offers_note_ended_lots"();
