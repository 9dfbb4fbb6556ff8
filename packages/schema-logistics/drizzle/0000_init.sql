CREATE TABLE "logistics"."inbox" (
	"consumer_group" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_event_id_pk" PRIMARY KEY("consumer_group","event_id")
);
--> statement-breakpoint
CREATE TABLE "logistics"."outbox" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "logistics"."bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid NOT NULL,
	"shopper_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"area" text NOT NULL,
	"hub_id" text,
	"delivery_date" date NOT NULL,
	"dispatch_date" date NOT NULL,
	"promised_by" timestamp with time zone NOT NULL,
	"boxes" integer NOT NULL,
	"surcharge" integer NOT NULL,
	"recipient" jsonb NOT NULL,
	"contents" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "bookings_status_known" CHECK ("logistics"."bookings"."status" in ('held', 'confirmed', 'released', 'expired')),
	CONSTRAINT "bookings_area_known" CHECK ("logistics"."bookings"."area" in ('dawn', 'parcel', 'jeju', 'remote')),
	CONSTRAINT "bookings_boxes_positive" CHECK ("logistics"."bookings"."boxes" > 0),
	CONSTRAINT "bookings_surcharge_nonnegative" CHECK ("logistics"."bookings"."surcharge" >= 0)
);
--> statement-breakpoint
CREATE TABLE "logistics"."closures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"scope" text NOT NULL,
	"farm_id" uuid,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closures_range" CHECK ("logistics"."closures"."starts_on" <= "logistics"."closures"."ends_on"),
	CONSTRAINT "closures_scope_known" CHECK ("logistics"."closures"."scope" in ('dispatch', 'delivery', 'all')),
	CONSTRAINT "closures_reason_length" CHECK (char_length("logistics"."closures"."reason") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "logistics"."farm_day_counters" (
	"farm_id" uuid NOT NULL,
	"dispatch_date" date NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "farm_day_counters_farm_id_dispatch_date_pk" PRIMARY KEY("farm_id","dispatch_date"),
	CONSTRAINT "farm_day_counters_nonnegative" CHECK ("logistics"."farm_day_counters"."booked" >= 0)
);
--> statement-breakpoint
CREATE TABLE "logistics"."farm_settings" (
	"farm_id" uuid PRIMARY KEY NOT NULL,
	"dispatch_weekdays" smallint[] NOT NULL,
	"cutoff_minutes" integer NOT NULL,
	"daily_capacity" integer NOT NULL,
	"base_fee" integer NOT NULL,
	"free_from" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "farm_settings_cutoff_range" CHECK ("logistics"."farm_settings"."cutoff_minutes" between 0 and 1380),
	CONSTRAINT "farm_settings_capacity_positive" CHECK ("logistics"."farm_settings"."daily_capacity" between 0 and 100000),
	CONSTRAINT "farm_settings_fees" CHECK ("logistics"."farm_settings"."base_fee" >= 0 and ("logistics"."farm_settings"."free_from" is null or "logistics"."farm_settings"."free_from" >= 0))
);
--> statement-breakpoint
CREATE TABLE "logistics"."hub_capacities" (
	"hub_id" text NOT NULL,
	"delivery_date" date NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "hub_capacities_hub_id_delivery_date_pk" PRIMARY KEY("hub_id","delivery_date"),
	CONSTRAINT "hub_capacities_nonnegative" CHECK ("logistics"."hub_capacities"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "logistics"."hub_day_counters" (
	"hub_id" text NOT NULL,
	"delivery_date" date NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "hub_day_counters_hub_id_delivery_date_pk" PRIMARY KEY("hub_id","delivery_date"),
	CONSTRAINT "hub_day_counters_nonnegative" CHECK ("logistics"."hub_day_counters"."booked" >= 0)
);
--> statement-breakpoint
CREATE TABLE "logistics"."shipment_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"location" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "logistics"."shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"shopper_id" uuid NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"carrier_id" text,
	"tracking_number" text,
	"dispatch_date" date NOT NULL,
	"delivery_date" date NOT NULL,
	"promised_by" timestamp with time zone NOT NULL,
	"packing_started_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"late_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone,
	"poll_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_status_known" CHECK ("logistics"."shipments"."status" in ('booked', 'at_pickup', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'cancelled')),
	CONSTRAINT "shipments_tracking_pair" CHECK (("logistics"."shipments"."carrier_id" is null) = ("logistics"."shipments"."tracking_number" is null))
);
--> statement-breakpoint
ALTER TABLE "logistics"."shipment_events" ADD CONSTRAINT "shipment_events_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "logistics"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logistics"."shipments" ADD CONSTRAINT "shipments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "logistics"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "logistics"."outbox" USING btree ("stream","seq") WHERE "logistics"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_key_key" ON "logistics"."bookings" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "bookings_order_idx" ON "logistics"."bookings" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "bookings_live_expiry_idx" ON "logistics"."bookings" USING btree ("expires_at") WHERE "logistics"."bookings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "bookings_farm_dispatch_idx" ON "logistics"."bookings" USING btree ("farm_id","dispatch_date");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_events_dedupe_key" ON "logistics"."shipment_events" USING btree ("shipment_id","occurred_at","status","description");--> statement-breakpoint
CREATE INDEX "shipment_events_shipment_idx" ON "logistics"."shipment_events" USING btree ("shipment_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_booking_key" ON "logistics"."shipments" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "logistics"."shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_farm_dispatch_idx" ON "logistics"."shipments" USING btree ("farm_id","dispatch_date");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_tracking_key" ON "logistics"."shipments" USING btree ("carrier_id","tracking_number");--> statement-breakpoint
CREATE INDEX "shipments_poll_idx" ON "logistics"."shipments" USING btree ("next_poll_at") WHERE "logistics"."shipments"."next_poll_at" is not null;