CREATE TYPE "public"."credit_hold_status" AS ENUM('held', 'captured', 'released');--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'reserve';--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'release';--> statement-breakpoint
CREATE TABLE "credit_holds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount" integer NOT NULL,
	"status" "credit_hold_status" DEFAULT 'held' NOT NULL,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "credit_holds" ADD CONSTRAINT "credit_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_holds_user_key" ON "credit_holds" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "credit_holds_status_created_idx" ON "credit_holds" USING btree ("status","created_at");