CREATE TABLE "identity"."social_identities" (
	"provider" text NOT NULL,
	"provider_user_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "social_identities_provider_provider_user_id_pk" PRIMARY KEY("provider","provider_user_id"),
	CONSTRAINT "social_identities_provider_known" CHECK ("identity"."social_identities"."provider" in ('kakao', 'naver'))
);
--> statement-breakpoint
ALTER TABLE "identity"."social_identities" ADD CONSTRAINT "social_identities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "social_identities_account_idx" ON "identity"."social_identities" USING btree ("account_id");