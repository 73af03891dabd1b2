CREATE TYPE "public"."operator_approval_kind" AS ENUM('adjustment', 'refund');--> statement-breakpoint
CREATE TYPE "public"."operator_approval_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'FAILED');--> statement-breakpoint
CREATE TABLE "operator_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "operator_approval_kind" NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_email" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"customer_id" uuid,
	"payload" jsonb NOT NULL,
	"idempotency_key" text,
	"reason" text NOT NULL,
	"status" "operator_approval_status" DEFAULT 'PENDING' NOT NULL,
	"decided_by" uuid,
	"decided_by_email" text,
	"decision_reason" text,
	"outcome" jsonb,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "operator_approvals_decided" CHECK (("operator_approvals"."status" = 'PENDING') = ("operator_approvals"."decided_by" is null)),
	CONSTRAINT "operator_approvals_not_own_account" CHECK ("operator_approvals"."customer_id" is null or "operator_approvals"."customer_id" <> "operator_approvals"."requested_by"),
	CONSTRAINT "operator_approvals_second_operator" CHECK ("operator_approvals"."decided_by" is null or ("operator_approvals"."decided_by" <> "operator_approvals"."requested_by" and "operator_approvals"."decided_by" is distinct from "operator_approvals"."customer_id"))
);
--> statement-breakpoint
ALTER TABLE "operator_approvals" ADD CONSTRAINT "operator_approvals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_approvals" ADD CONSTRAINT "operator_approvals_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_approvals" ADD CONSTRAINT "operator_approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_approvals_status_idx" ON "operator_approvals" USING btree ("status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_approvals_request_key" ON "operator_approvals" USING btree ("kind","target_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "operator_approvals_one_pending_refund" ON "operator_approvals" USING btree ("target_id") WHERE "operator_approvals"."kind" = 'refund' and "operator_approvals"."status" = 'PENDING';