import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { operatorApprovals, users, type ApprovalStatus, type OperatorApproval } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import { SelfActionForbidden, adjustmentSchema, applyAdjustment } from "./adjustments";
import { toApprovalView, type ApprovalView } from "./approvals";
import { reasonSchema, recordAudit } from "./audit";
import type { Operator } from "./operators";
import { findPaymentWithCustomer } from "./payments";
import { operatorRefundSchema, refundAsOperator } from "./payments-refund";

export const decisionSchema = z.object({
  decision: z.enum(["APPROVE", "REJECT"], { error: 'decision must be "APPROVE" or "REJECT"' }),
  reason: reasonSchema,
});

type Decision = z.infer<typeof decisionSchema>;

export class ApprovalNotFound extends Problem {
  constructor() {
    super(404, "APPROVAL_NOT_FOUND", "No such approval", "There is no approval request with this id.");
  }
}

/** Four eyes: the operator who asked cannot decide, either way. */
export class OwnRequest extends Problem {
  constructor() {
    super(403, "SELF_APPROVAL_FORBIDDEN", "Not your own request", "Another operator must approve or reject a request you made.");
  }
}

export class ApprovalDecided extends Problem {
  constructor(status: ApprovalStatus) {
    super(409, "APPROVAL_DECIDED", "This request was already decided", `It is ${status}; nothing was changed.`, { approvalStatus: status });
  }
}

const approvalIdSchema = z.uuid();

async function findApproval(rawId: string): Promise<OperatorApproval> {
  const id = approvalIdSchema.safeParse(rawId);
  if (!id.success) throw new ApprovalNotFound();
  const [row] = await getDb().select().from(operatorApprovals).where(eq(operatorApprovals.id, id.data));
  if (!row) throw new ApprovalNotFound();
  return row;
}

/** Moves the request out of PENDING, or finds another operator got there first (the row lock makes one of them wait and then miss). */
async function claim(tx: Transaction, approval: OperatorApproval, operator: Operator, status: ApprovalStatus, reason: string): Promise<OperatorApproval> {
  const [row] = await tx
    .update(operatorApprovals)
    .set({ status, decidedBy: operator.id, decidedByEmail: operator.email, decisionReason: reason, decidedAt: sql`now()` })
    .where(and(eq(operatorApprovals.id, approval.id), eq(operatorApprovals.status, "PENDING")))
    .returning();
  if (row) return row;
  const [now] = await tx.select({ status: operatorApprovals.status }).from(operatorApprovals).where(eq(operatorApprovals.id, approval.id));
  throw new ApprovalDecided(now!.status);
}

async function settle(db: Transaction | ReturnType<typeof getDb>, id: string, status: ApprovalStatus, outcome: Record<string, unknown>) {
  const [row] = await db.update(operatorApprovals).set({ status, outcome }).where(eq(operatorApprovals.id, id)).returning();
  return row!;
}

const problemOf = (p: Problem) => ({ problem: { status: p.status, code: p.code, detail: p.detail ?? p.title } });

/** The action's own problem, told as the outcome of this approval. */
const asApprovalProblem = (p: Problem, approvalId: string, approvalStatus: ApprovalStatus) =>
  new Problem(p.status, p.code, p.title, p.detail, { ...p.extra, approvalId, approvalStatus });

function auditDecision(tx: Transaction, operator: Operator, approval: OperatorApproval, action: string, reason: string, detail: Record<string, unknown>) {
  return recordAudit(tx, {
    actor: operator,
    action,
    targetType: approval.targetType === "payment" ? "payment" : "user",
    targetId: approval.targetId,
    reason,
    detail: { approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedByEmail, ...detail },
  });
}

const requesterOf = (approval: OperatorApproval): Operator => ({ id: approval.requestedBy, email: approval.requestedByEmail });

async function reject(operator: Operator, approval: OperatorApproval, reason: string): Promise<OperatorApproval> {
  return getDb().transaction(async (tx) => {
    const row = await claim(tx, approval, operator, "REJECTED", reason);
    await auditDecision(tx, operator, approval, "approval.reject", reason, { before: { approval: "PENDING" }, after: { approval: "REJECTED" } });
    return row;
  });
}

/**
 * The adjustment as asked, by the operator who asked, in the transaction that
 * moves the request out of PENDING: it is applied exactly when the approval
 * commits. A refusal (a take-back the balance no longer covers) rolls back to
 * the savepoint and is recorded as FAILED.
 */
async function approveAdjustment(operator: Operator, approval: OperatorApproval, reason: string): Promise<OperatorApproval> {
  const adjustment = adjustmentSchema.parse(approval.payload);
  const done = await getDb().transaction(async (tx) => {
    await claim(tx, approval, operator, "APPROVED", reason);
    try {
      const applied = await tx.transaction((savepoint) =>
        applyAdjustment(savepoint, requesterOf(approval), approval.targetId, adjustment, { approvalId: approval.id, approvedBy: operator.email }),
      );
      await auditDecision(tx, operator, approval, "approval.approve", reason, {
        before: { approval: "PENDING", balance: applied.before },
        after: { approval: "APPROVED", balance: applied.balance },
      });
      return { row: await settle(tx, approval.id, "APPROVED", { balance: applied.balance }) };
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      await auditDecision(tx, operator, approval, "approval.approve", reason, { before: { approval: "PENDING" }, after: { approval: "FAILED" } });
      await auditDecision(tx, operator, approval, "approval.fail", reason, problemOf(error));
      return { row: await settle(tx, approval.id, "FAILED", problemOf(error)), problem: error };
    }
  });
  if (done.problem) throw asApprovalProblem(done.problem, approval.id, "FAILED");
  return done.row;
}

/**
 * The refund as asked, by the operator who asked. PortOne is called outside
 * any transaction, so the request leaves PENDING (with the approver's audit
 * row) before refundAsOperator runs: a second approver finds it decided. A
 * refusal that changed nothing is recorded as FAILED; a cancel whose outcome
 * PortOne left unknown stays APPROVED, with that as its outcome.
 */
async function approveRefund(operator: Operator, approval: OperatorApproval, reason: string): Promise<OperatorApproval> {
  const input = operatorRefundSchema.parse(approval.payload);
  const { payment, customer } = await findPaymentWithCustomer(approval.targetId);
  await getDb().transaction(async (tx) => {
    await claim(tx, approval, operator, "APPROVED", reason);
    await auditDecision(tx, operator, approval, "approval.approve", reason, {
      before: { approval: "PENDING", status: payment.status, cancelledAmount: payment.cancelledAmount, balance: customer.balance, debt: customer.debt },
      after: { approval: "APPROVED" },
    });
  });
  try {
    const refunded = await refundAsOperator(requesterOf(approval), approval.targetId, input);
    return await settle(getDb(), approval.id, "APPROVED", refunded);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    if (error.extra?.outcome === "unknown") {
      await settle(getDb(), approval.id, "APPROVED", { outcome: "unknown", ...problemOf(error) });
      throw asApprovalProblem(error, approval.id, "APPROVED");
    }
    await getDb().transaction(async (tx) => {
      await settle(tx, approval.id, "FAILED", problemOf(error));
      await auditDecision(tx, operator, approval, "approval.fail", reason, problemOf(error));
    });
    throw asApprovalProblem(error, approval.id, "FAILED");
  }
}

/**
 * A second operator's decision on a waiting request: 403 for the operator who
 * asked and for the account the action is on, 409 once decided. APPROVE carries
 * the action out once; REJECT changes nothing but the request. Each is audited.
 */
export async function decideApproval(operator: Operator, rawApprovalId: string, decision: Decision): Promise<ApprovalView> {
  const approval = await findApproval(rawApprovalId);
  if (approval.requestedBy === operator.id) throw new OwnRequest();
  if (approval.customerId === operator.id) throw new SelfActionForbidden();
  if (approval.status !== "PENDING") throw new ApprovalDecided(approval.status);
  const decided =
    decision.decision === "REJECT"
      ? await reject(operator, approval, decision.reason)
      : approval.kind === "adjustment"
        ? await approveAdjustment(operator, approval, decision.reason)
        : await approveRefund(operator, approval, decision.reason);
  const [customer] = decided.customerId ? await getDb().select({ email: users.email }).from(users).where(eq(users.id, decided.customerId)) : [];
  return toApprovalView(decided, customer?.email ?? null);
}
