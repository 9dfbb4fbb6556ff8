CREATE TABLE "catalog"."inbox" (
	"consumer_group" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_event_id_pk" PRIMARY KEY("consumer_group","event_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."outbox" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalog"."farm_managers" (
	"farm_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "farm_managers_farm_id_account_id_pk" PRIMARY KEY("farm_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."farms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_sido" text DEFAULT '' NOT NULL,
	"region_sigungu" text DEFAULT '' NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"certifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."fruit_max_ages" (
	"fruit" text PRIMARY KEY NOT NULL,
	"max_age_days" integer NOT NULL,
	CONSTRAINT "fruit_max_ages_positive" CHECK ("catalog"."fruit_max_ages"."max_age_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"pack_kg" numeric(6, 2) NOT NULL,
	"count_per_box" integer,
	"price_krw" integer NOT NULL,
	"per_order_limit" integer,
	"published" boolean DEFAULT false NOT NULL,
	"stock_state" text DEFAULT 'sold_out' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_grade_known" CHECK ("catalog"."offers"."grade" in ('특', '상', '보통', '못난이')),
	CONSTRAINT "offers_pack_kg_positive" CHECK ("catalog"."offers"."pack_kg" > 0),
	CONSTRAINT "offers_count_per_box_positive" CHECK ("catalog"."offers"."count_per_box" is null or "catalog"."offers"."count_per_box" > 0),
	CONSTRAINT "offers_price_positive" CHECK ("catalog"."offers"."price_krw" > 0),
	CONSTRAINT "offers_per_order_limit_positive" CHECK ("catalog"."offers"."per_order_limit" is null or "catalog"."offers"."per_order_limit" > 0),
	CONSTRAINT "offers_stock_state_known" CHECK ("catalog"."offers"."stock_state" in ('in_stock', 'low', 'sold_out'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"farm_id" uuid NOT NULL,
	"fruit" text NOT NULL,
	"variety" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"season_months" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"storage_advice" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_season_months_valid" CHECK ("catalog"."products"."season_months" <@ array[1,2,3,4,5,6,7,8,9,10,11,12])
);
--> statement-breakpoint
CREATE TABLE "catalog"."hold_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hold_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "hold_lines_quantity_positive" CHECK ("catalog"."hold_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "holds_status_known" CHECK ("catalog"."holds"."status" in ('held', 'confirmed', 'released', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."lots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offer_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"lot_code" text NOT NULL,
	"harvested_on" date NOT NULL,
	"boxes_harvested" integer NOT NULL,
	"brix" numeric(4, 1),
	"note" text DEFAULT '' NOT NULL,
	"on_hand" integer NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_boxes_harvested_positive" CHECK ("catalog"."lots"."boxes_harvested" > 0),
	CONSTRAINT "lots_on_hand_nonnegative" CHECK ("catalog"."lots"."on_hand" >= 0),
	CONSTRAINT "lots_reserved_nonnegative" CHECK ("catalog"."lots"."reserved" >= 0),
	CONSTRAINT "lots_sold_nonnegative" CHECK ("catalog"."lots"."sold" >= 0),
	CONSTRAINT "lots_reserved_within_on_hand" CHECK ("catalog"."lots"."reserved" <= "catalog"."lots"."on_hand"),
	CONSTRAINT "lots_within_harvest" CHECK ("catalog"."lots"."on_hand" + "catalog"."lots"."sold" <= "catalog"."lots"."boxes_harvested"),
	CONSTRAINT "lots_brix_range" CHECK ("catalog"."lots"."brix" is null or ("catalog"."lots"."brix" >= 0 and "catalog"."lots"."brix" <= 40))
);
--> statement-breakpoint
ALTER TABLE "catalog"."farm_managers" ADD CONSTRAINT "farm_managers_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."offers" ADD CONSTRAINT "offers_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."offers" ADD CONSTRAINT "offers_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."products" ADD CONSTRAINT "products_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_lines" ADD CONSTRAINT "hold_lines_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "catalog"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_lines" ADD CONSTRAINT "hold_lines_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "catalog"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."hold_lines" ADD CONSTRAINT "hold_lines_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "catalog"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD CONSTRAINT "lots_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "catalog"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."lots" ADD CONSTRAINT "lots_farm_id_farms_id_fk" FOREIGN KEY ("farm_id") REFERENCES "catalog"."farms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "catalog"."outbox" USING btree ("stream","seq") WHERE "catalog"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "farm_managers_account_idx" ON "catalog"."farm_managers" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_product_grade_pack_key" ON "catalog"."offers" USING btree ("product_id","grade","pack_kg");--> statement-breakpoint
CREATE INDEX "offers_farm_idx" ON "catalog"."offers" USING btree ("farm_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_farm_fruit_variety_key" ON "catalog"."products" USING btree ("farm_id","fruit","variety");--> statement-breakpoint
CREATE INDEX "products_fruit_idx" ON "catalog"."products" USING btree ("fruit");--> statement-breakpoint
CREATE INDEX "hold_lines_hold_idx" ON "catalog"."hold_lines" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "hold_lines_lot_idx" ON "catalog"."hold_lines" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holds_idempotency_key_key" ON "catalog"."holds" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "holds_live_expiry_idx" ON "catalog"."holds" USING btree ("expires_at") WHERE "catalog"."holds"."status" = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "lots_farm_lot_code_key" ON "catalog"."lots" USING btree ("farm_id","lot_code");--> statement-breakpoint
CREATE INDEX "lots_offer_harvest_idx" ON "catalog"."lots" USING btree ("offer_id","harvested_on");--> statement-breakpoint
-- Days after harvest a lot of each fruit stays on sale (hand-written: reference data, not schema).
-- Fruits not listed fall back to the service's default (CATALOG_DEFAULT_MAX_AGE_DAYS).
INSERT INTO "catalog"."fruit_max_ages" ("fruit", "max_age_days") VALUES
	('딸기', 5), ('복숭아', 7), ('포도', 14), ('참외', 10), ('감귤', 30), ('한라봉', 30),
	('사과', 60), ('배', 60), ('반시', 14), ('곶감', 120);
