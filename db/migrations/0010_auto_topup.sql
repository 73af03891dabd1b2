CREATE TYPE "public"."payment_trigger" AS ENUM('CHECKOUT', 'AUTO_TOPUP');--> statement-breakpoint
CREATE TABLE "auto_topup_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"pack_id" text NOT NULL,
	"threshold" integer NOT NULL,
	"monthly_cap_krw" integer NOT NULL,
	"billing_key" text,
	"card_issuer" text,
	"card_last4" text,
	"card_registered_at" timestamp with time zone,
	"disabled_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_topup_threshold_range" CHECK ("auto_topup_settings"."threshold" >= 0),
	CONSTRAINT "auto_topup_cap_positive" CHECK ("auto_topup_settings"."monthly_cap_krw" > 0),
	CONSTRAINT "auto_topup_enabled_needs_card" CHECK (not "auto_topup_settings"."enabled" or "auto_topup_settings"."billing_key" is not null)
);
--> statement-breakpoint
CREATE TABLE "billing_key_deletions" (
	"billing_key" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "easy_pay_provider" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "trigger" "payment_trigger" DEFAULT 'CHECKOUT' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "charge_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "auto_topup_settings" ADD CONSTRAINT "auto_topup_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auto_topup_settings" ADD CONSTRAINT "auto_topup_settings_pack_id_credit_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."credit_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_key_deletions" ADD CONSTRAINT "billing_key_deletions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_auto_topup_in_flight" ON "payments" USING btree ("user_id") WHERE "payments"."trigger" = 'AUTO_TOPUP' and "payments"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "payments_auto_topup_idx" ON "payments" USING btree ("user_id","created_at") WHERE "payments"."trigger" = 'AUTO_TOPUP';