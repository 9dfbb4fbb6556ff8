CREATE TABLE "catalog"."batch_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"farm_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"lots_created" integer DEFAULT 0 NOT NULL,
	"products_created" integer DEFAULT 0 NOT NULL,
	"offers_created" integer DEFAULT 0 NOT NULL,
	"prices_changed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "batch_imports_status_known" CHECK ("catalog"."batch_imports"."status" in ('running', 'succeeded', 'failed')),
	CONSTRAINT "batch_imports_format_known" CHECK ("catalog"."batch_imports"."format" in ('csv', 'xlsx', 'json')),
	CONSTRAINT "batch_imports_progress_within_total" CHECK ("catalog"."batch_imports"."processed_rows" <= "catalog"."batch_imports"."total_rows")
);
--> statement-breakpoint
CREATE TABLE "catalog"."photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"farm_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"variants" jsonb NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "photos_subject_known" CHECK ("catalog"."photos"."subject_type" in ('farm', 'product', 'lot')),
	CONSTRAINT "photos_size_positive" CHECK ("catalog"."photos"."width" > 0 and "catalog"."photos"."height" > 0)
);
--> statement-breakpoint
ALTER TABLE "catalog"."offers" ADD COLUMN "newest_harvest_on" date;--> statement-breakpoint
ALTER TABLE "catalog"."offers" ADD COLUMN "sold_boxes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD COLUMN "batch_import_id" uuid;--> statement-breakpoint
ALTER TABLE "catalog"."batch_imports" ADD CONSTRAINT "batch_imports_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."photos" ADD CONSTRAINT "photos_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "batch_imports_farm_content_key" ON "catalog"."batch_imports" USING btree ("farm_id","content_hash") WHERE not "catalog"."batch_imports"."dry_run" and "catalog"."batch_imports"."status" <> 'failed';--> statement-breakpoint
CREATE INDEX "batch_imports_farm_created_idx" ON "catalog"."batch_imports" USING btree ("farm_id","created_at");--> statement-breakpoint
CREATE INDEX "photos_subject_idx" ON "catalog"."photos" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD CONSTRAINT "lots_batch_import_id_batch_imports_id_fk" FOREIGN KEY ("batch_import_id") REFERENCES "catalog"."batch_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "farms_name_trgm_idx" ON "catalog"."farms" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "catalog"."products" USING gin (("fruit" || ' ' || "variety") gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "catalog"."offers" ADD CONSTRAINT "offers_sold_boxes_nonnegative" CHECK ("catalog"."offers"."sold_boxes" >= 0);--> statement-breakpoint
-- Search sorts by newest harvest and popularity without aggregating lots per query: two
-- statement-level triggers keep offers.newest_harvest_on and offers.sold_boxes current,
-- whichever code path writes lots (one lot, a 10,000-row upload, a hold confirmation).
CREATE FUNCTION "catalog"."offers_note_new_lots"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "catalog"."offers" o
	SET "newest_harvest_on" = greatest(o."newest_harvest_on", n.newest)
	FROM (SELECT "offer_id", max("harvested_on") AS newest FROM new_lots GROUP BY "offer_id") n
	WHERE o."id" = n."offer_id" AND (o."newest_harvest_on" IS NULL OR o."newest_harvest_on" < n.newest);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "lots_note_new_lots" AFTER INSERT ON "catalog"."lots"
	REFERENCING NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."offers_note_new_lots"();
--> statement-breakpoint
CREATE FUNCTION "catalog"."offers_note_sold_boxes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "catalog"."offers" o
	SET "sold_boxes" = o."sold_boxes" + d.delta
	FROM (
		SELECT n."offer_id", sum(n."sold" - old_lots."sold") AS delta
		FROM new_lots n JOIN old_lots ON old_lots."id" = n."id"
		GROUP BY n."offer_id"
		HAVING sum(n."sold" - old_lots."sold") <> 0
	) d
	WHERE o."id" = d."offer_id";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "lots_note_sold_boxes" AFTER UPDATE ON "catalog"."lots"
	REFERENCING OLD TABLE AS old_lots NEW TABLE AS new_lots FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."offers_note_sold_boxes"();
--> statement-breakpoint
UPDATE "catalog"."offers" o
SET "newest_harvest_on" = l.newest, "sold_boxes" = l.sold
FROM (SELECT "offer_id", max("harvested_on") AS newest, sum("sold")::int AS sold FROM "catalog"."lots" GROUP BY "offer_id") l
WHERE o."id" = l."offer_id";
