ALTER TABLE "payments" ADD COLUMN "complete_read_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "complete_read_at" timestamp with time zone;