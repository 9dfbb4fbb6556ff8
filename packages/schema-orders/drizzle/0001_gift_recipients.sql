ALTER TABLE "orders"."fulfilments" ADD COLUMN "recipient" jsonb;--> statement-breakpoint
ALTER TABLE "orders"."fulfilments" ADD COLUMN "card_message" text;