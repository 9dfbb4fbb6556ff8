CREATE TABLE "orders"."cancel_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"line_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "orders"."cart_items" (
	"shopper_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"added_unit_price" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_items_shopper_id_offer_id_pk" PRIMARY KEY("shopper_id","offer_id"),
	CONSTRAINT "cart_items_quantity_positive" CHECK ("orders"."cart_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders"."checkout_keys" (
	"shopper_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"body_hash" text NOT NULL,
	"order_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkout_keys_shopper_id_idempotency_key_pk" PRIMARY KEY("shopper_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "orders"."fulfilments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"farm_id" uuid NOT NULL,
	"farm_name" text NOT NULL,
	"status" text NOT NULL,
	"delivery_date" date NOT NULL,
	"dispatch_date" date,
	"booking_id" uuid,
	"goods_amount" integer NOT NULL,
	"delivery_fee" integer NOT NULL,
	"shipment_status" text,
	"carrier_id" text,
	"tracking_number" text,
	"delivered_at" timestamp with time zone,
	"auto_complete_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."inbox" (
	"consumer_group" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_event_id_pk" PRIMARY KEY("consumer_group","event_id")
);
--> statement-breakpoint
CREATE TABLE "orders"."order_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"title" text NOT NULL,
	"grade" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"crop_failure_policy" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"lots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"short_quantity" integer DEFAULT 0 NOT NULL,
	"wait_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_lines_quantity_positive" CHECK ("orders"."order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_short_within_quantity" CHECK ("orders"."order_lines"."short_quantity" between 0 and "orders"."order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "orders"."order_number_days" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."order_timeline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid,
	"status" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"shopper_id" uuid NOT NULL,
	"status" text NOT NULL,
	"checkout_state" text DEFAULT 'placing' NOT NULL,
	"checkout_error" text,
	"amount" integer NOT NULL,
	"goods_total" integer NOT NULL,
	"delivery_total" integer NOT NULL,
	"refunded_total" integer DEFAULT 0 NOT NULL,
	"order_name" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"hold_id" uuid,
	"payment_key" text,
	"expires_at" timestamp with time zone NOT NULL,
	"placed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_amount_nonnegative" CHECK ("orders"."orders"."amount" >= 0),
	CONSTRAINT "orders_refunded_within_amount" CHECK ("orders"."orders"."refunded_total" between 0 and "orders"."orders"."amount")
);
--> statement-breakpoint
CREATE TABLE "orders"."outbox" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "orders"."refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"fulfilment_id" uuid,
	"request_key" text NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"payments_refund_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_positive" CHECK ("orders"."refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders"."workflow_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"input" jsonb NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"results" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"error" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "orders"."cancel_requests" ADD CONSTRAINT "cancel_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."cancel_requests" ADD CONSTRAINT "cancel_requests_fulfilment_id_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "orders"."fulfilments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."checkout_keys" ADD CONSTRAINT "checkout_keys_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."fulfilments" ADD CONSTRAINT "fulfilments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_lines" ADD CONSTRAINT "order_lines_fulfilment_id_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "orders"."fulfilments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_timeline" ADD CONSTRAINT "order_timeline_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cancel_requests_farm_idx" ON "orders"."cancel_requests" USING btree ("farm_id","status");--> statement-breakpoint
CREATE INDEX "fulfilments_order_idx" ON "orders"."fulfilments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfilments_farm_dispatch_idx" ON "orders"."fulfilments" USING btree ("farm_id","dispatch_date");--> statement-breakpoint
CREATE INDEX "fulfilments_auto_complete_idx" ON "orders"."fulfilments" USING btree ("auto_complete_at") WHERE "orders"."fulfilments"."status" = 'delivered';--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "orders"."order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_lines_wait_idx" ON "orders"."order_lines" USING btree ("wait_until") WHERE "orders"."order_lines"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "order_timeline_order_idx" ON "orders"."order_timeline" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_number_key" ON "orders"."orders" USING btree ("order_number");--> statement-breakpoint
CREATE INDEX "orders_shopper_idx" ON "orders"."orders" USING btree ("shopper_id","id");--> statement-breakpoint
CREATE INDEX "orders_hold_idx" ON "orders"."orders" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "orders_unpaid_expiry_idx" ON "orders"."orders" USING btree ("expires_at") WHERE "orders"."orders"."status" = 'awaiting_payment' and "orders"."orders"."payment_key" is null;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "orders"."outbox" USING btree ("stream","seq") WHERE "orders"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_request_key" ON "orders"."refunds" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "orders"."refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "workflow_runs_due_idx" ON "orders"."workflow_runs" USING btree ("next_attempt_at") WHERE "orders"."workflow_runs"."state" in ('running', 'compensating');