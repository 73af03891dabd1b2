ALTER TABLE "payments" ADD COLUMN "pay_method" text DEFAULT 'CARD' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "virtual_account_bank" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "virtual_account_number" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "virtual_account_expires_at" timestamp with time zone;