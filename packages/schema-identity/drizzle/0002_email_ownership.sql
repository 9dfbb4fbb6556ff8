CREATE TABLE "identity"."email_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "email_tokens_purpose_known" CHECK ("identity"."email_tokens"."purpose" in ('verify_email', 'reset_password'))
);
--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."email_tokens" ADD CONSTRAINT "email_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_tokens_hash_key" ON "identity"."email_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "email_tokens_account_idx" ON "identity"."email_tokens" USING btree ("account_id","purpose");--> statement-breakpoint
-- Accounts that existed before email ownership was proved by mail: admins (made by an operator
-- on the command line) and accounts whose email a provider reported as verified count as proved.
-- Every other password sign-up stays unverified until its owner follows a link from our mail.
UPDATE "identity"."accounts" AS a SET "email_verified_at" = a."created_at"
WHERE 'admin' = ANY(a."roles")
   OR EXISTS (
     SELECT 1 FROM "identity"."social_identities" s
     WHERE s."account_id" = a."id" AND s."email_verified" AND lower(s."email") = a."email"
   );
