CREATE TYPE "public"."credit_lot_kind" AS ENUM('bonus', 'paid');--> statement-breakpoint
CREATE TYPE "public"."credit_lot_source" AS ENUM('purchase', 'adjust', 'promotion', 'legacy');--> statement-breakpoint
CREATE TYPE "public"."refund_outcome" AS ENUM('completed', 'refused', 'lapsed');--> statement-breakpoint
CREATE TYPE "public"."refund_rule" AS ENUM('WITHDRAWAL_7_DAYS', 'UNUSED_PAID_CREDITS');--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'expire';--> statement-breakpoint
ALTER TYPE "public"."ledger_kind" ADD VALUE 'void';--> statement-breakpoint
CREATE TABLE "credit_lot_draws" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ledger_entry_id" bigint NOT NULL,
	"lot_id" bigint NOT NULL,
	"credits" integer NOT NULL,
	CONSTRAINT "credit_lot_draws_not_zero" CHECK ("credit_lot_draws"."credits" <> 0)
);
--> statement-breakpoint
CREATE TABLE "credit_lots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "credit_lot_kind" NOT NULL,
	"source" "credit_lot_source" NOT NULL,
	"payment_id" text,
	"grant_entry_id" bigint,
	"granted" integer NOT NULL,
	"remaining" integer NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_lots_remaining_within_granted" CHECK ("credit_lots"."remaining" >= 0 and "credit_lots"."remaining" <= "credit_lots"."granted")
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"hold_id" bigint NOT NULL,
	"rule" "refund_rule" NOT NULL,
	"amount" integer NOT NULL,
	"paid_credits" integer NOT NULL,
	"bonus_credits" integer NOT NULL,
	"fee" integer NOT NULL,
	"cancellation_id" text,
	"outcome" "refund_outcome",
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "credit_holds" ADD COLUMN "reserve_entry_id" bigint;--> statement-breakpoint
ALTER TABLE "credit_packs" ADD COLUMN "paid_credits" integer;--> statement-breakpoint
ALTER TABLE "credit_packs" ADD COLUMN "bonus_credits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "paid_credits" integer;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "bonus_credits" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written: the packs' split at ₩10 a paid credit, copied onto the orders already placed.
UPDATE "credit_packs" SET "paid_credits" = "credits", "bonus_credits" = 0;--> statement-breakpoint
UPDATE "credit_packs" SET "paid_credits" = 500, "bonus_credits" = 50 WHERE "id" = 'credits-550' AND "credits" = 550;--> statement-breakpoint
UPDATE "credit_packs" SET "paid_credits" = 1000, "bonus_credits" = 200 WHERE "id" = 'credits-1200' AND "credits" = 1200;--> statement-breakpoint
UPDATE "payments" p SET "paid_credits" = coalesce(cp."paid_credits", p."credits"), "bonus_credits" = coalesce(cp."bonus_credits", 0)
  FROM "payments" q LEFT JOIN "credit_packs" cp ON cp."id" = q."pack_id" AND cp."credits" = q."credits"
  WHERE q."id" = p."id";--> statement-breakpoint
ALTER TABLE "credit_packs" ALTER COLUMN "paid_credits" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "paid_credits" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "credit_debt" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_lot_draws" ADD CONSTRAINT "credit_lot_draws_ledger_entry_id_credit_ledger_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."credit_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lot_draws" ADD CONSTRAINT "credit_lot_draws_lot_id_credit_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."credit_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lots" ADD CONSTRAINT "credit_lots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lots" ADD CONSTRAINT "credit_lots_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lots" ADD CONSTRAINT "credit_lots_grant_entry_id_credit_ledger_id_fk" FOREIGN KEY ("grant_entry_id") REFERENCES "public"."credit_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_hold_id_credit_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."credit_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_lot_draws_entry_idx" ON "credit_lot_draws" USING btree ("ledger_entry_id");--> statement-breakpoint
CREATE INDEX "credit_lot_draws_lot_idx" ON "credit_lot_draws" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "credit_lots_open_idx" ON "credit_lots" USING btree ("user_id","expires_at","kind","granted_at","id");--> statement-breakpoint
CREATE INDEX "credit_lots_payment_idx" ON "credit_lots" USING btree ("payment_id") WHERE "credit_lots"."payment_id" is not null;--> statement-breakpoint
CREATE INDEX "credit_lots_expiring_idx" ON "credit_lots" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_lots_one_per_purchase_part" ON "credit_lots" USING btree ("payment_id","kind") WHERE "credit_lots"."source" = 'purchase';--> statement-breakpoint
CREATE INDEX "payment_refunds_payment_idx" ON "payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_cancellation_key" ON "payment_refunds" USING btree ("cancellation_id") WHERE "payment_refunds"."cancellation_id" is not null;--> statement-breakpoint
ALTER TABLE "credit_holds" ADD CONSTRAINT "credit_holds_reserve_entry_id_credit_ledger_id_fk" FOREIGN KEY ("reserve_entry_id") REFERENCES "public"."credit_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_packs" ADD CONSTRAINT "credit_packs_credits_add_up" CHECK ("credit_packs"."credits" = "credit_packs"."paid_credits" + "credit_packs"."bonus_credits" and "credit_packs"."paid_credits" > 0);--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_credits_add_up" CHECK ("payments"."credits" = "payments"."paid_credits" + "payments"."bonus_credits" and "payments"."paid_credits" > 0);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_credit_debt_not_negative" CHECK ("users"."credit_debt" >= 0);