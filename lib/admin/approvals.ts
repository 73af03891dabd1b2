import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb } from "@/db/client";
import { approvalStatus, operatorApprovals, users, type ApprovalKind, type ApprovalStatus, type OperatorApproval } from "@/db/schema";
import { config } from "@/lib/env";
import { Problem } from "@/lib/http/problem";
import { AdjustmentBeyondBalance, SelfActionForbidden, adjustCredits, type Adjustment } from "./adjustments";
import { recordAudit } from "./audit";
import type { Operator } from "./operators";
import { findPaymentWithCustomer } from "./payments";
import { AmountOverCancellable, PaymentNotCancellable } from "@/lib/payments/operator-cancel";
import { refundAsOperator, type operatorRefundSchema } from "./payments-refund";
import { UserNotFound, parseUserId } from "./users";

type RefundInput = z.infer<typeof operatorRefundSchema>;

/** A request that waits for a second operator (202). */
export type ApprovalRequested = { approvalId: string; status: ApprovalStatus };

/** An action that may have to wait: carried out now (its own status and answer), or asked of a second operator. */
export type CarriedOutOrAsked<T> = { status: number; body: T | ApprovalRequested };

/** A refund of this payment already waits for a second operator: decide that one first. */
export class ApprovalAlreadyPending extends Problem {
  constructor(approvalId: string) {
    super(409, "APPROVAL_PENDING", "A refund of this payment already waits for approval", "Approve or reject the waiting request first.", {
      approvalId,
    });
  }
}

type NewRequest = {
  kind: ApprovalKind;
  targetType: "user" | "payment";
  targetId: string;
  customerId: string;
  payload: Record<string, unknown>;
  idempotencyKey?: string;
  reason: string;
  /** What the request's audit row records besides the approval's id: the request, the state before, the limit crossed. */
  audit: Record<string, unknown>;
};

/** Records the request and its audit row together; an adjustment asked again with its idempotency key finds its approval. */
async function askApproval(operator: Operator, request: NewRequest): Promise<ApprovalRequested> {
  return getDb().transaction(async (tx) => {
    const [created] = await tx
      .insert(operatorApprovals)
      .values({
        kind: request.kind,
        requestedBy: operator.id,
        requestedByEmail: operator.email,
        targetType: request.targetType,
        targetId: request.targetId,
        customerId: request.customerId,
        payload: request.payload,
        idempotencyKey: request.idempotencyKey,
        reason: request.reason,
      })
      .onConflictDoNothing()
      .returning({ id: operatorApprovals.id, status: operatorApprovals.status });
    if (!created) {
      const [existing] = await tx
        .select({ id: operatorApprovals.id, status: operatorApprovals.status })
        .from(operatorApprovals)
        .where(
          and(
            eq(operatorApprovals.kind, request.kind),
            eq(operatorApprovals.targetId, request.targetId),
            request.idempotencyKey ? eq(operatorApprovals.idempotencyKey, request.idempotencyKey) : eq(operatorApprovals.status, "PENDING"),
          ),
        );
      if (!existing) throw new Error(`approval of ${request.kind} ${request.targetId} conflicted with nothing`);
      if (!request.idempotencyKey) throw new ApprovalAlreadyPending(existing.id);
      return { approvalId: existing.id, status: existing.status };
    }
    await recordAudit(tx, {
      actor: operator,
      action: "approval.request",
      targetType: request.targetType,
      targetId: request.targetId,
      reason: request.reason,
      detail: { approvalId: created.id, kind: request.kind, ...request.audit },
    });
    return { approvalId: created.id, status: created.status };
  });
}

/**
 * An operator's adjustment: carried out now (201 `{ balance }`) up to
 * ADMIN_APPROVAL_CREDITS credits either way, else asked of a second operator
 * (202). Never on the operator's own account; a take-back the balance does not
 * cover now is refused at once rather than left to fail on approval.
 */
export async function adjustOrAskApproval(operator: Operator, rawUserId: string, adjustment: Adjustment): Promise<CarriedOutOrAsked<{ balance: number }>> {
  const limit = config().adminApproval.credits;
  if (Math.abs(adjustment.credits) <= limit) {
    const { balance } = await adjustCredits(operator, rawUserId, adjustment);
    return { status: 201, body: { balance } };
  }
  const userId = parseUserId(rawUserId);
  if (userId === operator.id) throw new SelfActionForbidden();
  const [user] = await getDb().select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId));
  if (!user) throw new UserNotFound();
  if (adjustment.credits < 0 && user.balance < -adjustment.credits) throw new AdjustmentBeyondBalance(adjustment.credits, user.balance);
  const asked = await askApproval(operator, {
    kind: "adjustment",
    targetType: "user",
    targetId: userId,
    customerId: userId,
    payload: adjustment,
    idempotencyKey: adjustment.idempotencyKey,
    reason: adjustment.reason,
    audit: { request: { credits: adjustment.credits, kind: adjustment.kind }, before: { balance: user.balance }, limit },
  });
  return { status: 202, body: asked };
}

/**
 * The gate in front of refundAsOperator: never the operator's own payment;
 * up to ADMIN_APPROVAL_KRW carried out now, else asked of a second operator
 * (202) with the amount fixed (omitted: all that is cancellable now), so the
 * approver approves a sum, not "whatever is left then".
 */
export async function refundOrAskApproval(
  operator: Operator,
  paymentId: string,
  input: RefundInput,
): Promise<CarriedOutOrAsked<Awaited<ReturnType<typeof refundAsOperator>>>> {
  const { payment, customer } = await findPaymentWithCustomer(paymentId);
  if (payment.userId === operator.id) throw new SelfActionForbidden();
  const cancellable = payment.amount - payment.cancelledAmount;
  const amount = input.amount ?? cancellable;
  const limit = config().adminApproval.krw;
  if (amount <= limit) return { status: 200, body: await refundAsOperator(operator, paymentId, input) };

  if (payment.status !== "PAID" && payment.status !== "PARTIAL_CANCELLED") {
    throw new PaymentNotCancellable(`The payment is ${payment.status}; only a paid payment can be cancelled.`);
  }
  if (amount > cancellable) throw new AmountOverCancellable(cancellable);
  const asked = await askApproval(operator, {
    kind: "refund",
    targetType: "payment",
    targetId: paymentId,
    customerId: payment.userId,
    payload: { ...input, amount },
    reason: input.reason,
    audit: {
      request: { amount },
      before: { status: payment.status, cancelledAmount: payment.cancelledAmount, balance: customer.balance, debt: customer.debt },
      limit,
    },
  });
  return { status: 202, body: asked };
}

const adjustmentRequest = z.object({ credits: z.number().int(), kind: z.enum(["paid", "bonus"]) });
const refundRequest = z.object({ amount: z.number().int() });

export type ApprovalView = {
  approvalId: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  targetType: string;
  targetId: string;
  customerId: string | null;
  customerEmail: string | null;
  /** What is asked: an adjustment's credits and lot kind, or a refund's amount. */
  request: { credits: number; kind: "paid" | "bonus" } | { amount: number };
  reason: string;
  requestedById: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  /** What the action answered once carried out, or the problem it failed with. */
  outcome: Record<string, unknown> | null;
};

export function toApprovalView(row: OperatorApproval, customerEmail: string | null): ApprovalView {
  return {
    approvalId: row.id,
    kind: row.kind,
    status: row.status,
    targetType: row.targetType,
    targetId: row.targetId,
    customerId: row.customerId,
    customerEmail,
    request: row.kind === "adjustment" ? adjustmentRequest.parse(row.payload) : refundRequest.parse(row.payload),
    reason: row.reason,
    requestedById: row.requestedBy,
    requestedBy: row.requestedByEmail,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedByEmail,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    outcome: row.outcome,
  };
}

export const approvalListQuery = z.object({
  status: z.enum(approvalStatus.enumValues).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const customers = alias(users, "customer");

/** Approvals newest first, of one status or all, with the email of the account each is on. */
export async function listApprovals(query: z.infer<typeof approvalListQuery>): Promise<{ items: ApprovalView[] }> {
  const rows = await getDb()
    .select({ approval: operatorApprovals, customerEmail: customers.email })
    .from(operatorApprovals)
    .leftJoin(customers, eq(customers.id, operatorApprovals.customerId))
    .where(query.status ? eq(operatorApprovals.status, query.status) : undefined)
    .orderBy(desc(operatorApprovals.requestedAt), desc(operatorApprovals.id))
    .limit(query.limit);
  return { items: rows.map((r) => toApprovalView(r.approval, r.customerEmail)) };
}
