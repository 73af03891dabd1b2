import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { creditLedger, payments, users } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { syncPayment } from "@/lib/payments/sync";
import { cancelAtPortOne } from "@/lib/payments/cancel";
import { claimOperatorCancel, settleOperatorCancel } from "@/lib/payments/operator-cancel";
import { refundAccountSchema } from "@/lib/payments/refund-account";
import { reasonSchema, recordAudit } from "./audit";
import type { Operator } from "./operators";
import { findPaymentWithCustomer } from "./payments";

export const operatorRefundSchema = z.object({
  amount: z.number().int().min(1).max(100_000_000).optional(),
  reason: reasonSchema,
  // Where a virtual-account payment's refund is paid (required for one).
  refundAccount: refundAccountSchema.optional(),
});

export const operatorSyncSchema = z.object({ reason: reasonSchema });

/** A payment's state as the audit log records it before and after an operator's action. */
type Snapshot = { status: string; cancelledAmount: number; balance: number; debt: number; creditsTakenBack: number };

/** The payment, its customer's balance, and the credits taken back from it so far (revoke and void rows). */
async function snapshotOf(db: Transaction | ReturnType<typeof getDb>, paymentId: string): Promise<Snapshot> {
  const [row] = await db
    .select({
      status: payments.status,
      cancelledAmount: payments.cancelledAmount,
      balance: users.creditBalance,
      debt: users.creditDebt,
      taken: sql<string>`coalesce((select -sum(${creditLedger.delta}) from ${creditLedger}
        where ${and(eq(creditLedger.paymentId, paymentId), inArray(creditLedger.kind, ["revoke", "void"]))}), 0)::text`,
    })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.userId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new Error(`payment ${paymentId} vanished`);
  return { status: row.status, cancelledAmount: row.cancelledAmount, balance: row.balance, debt: row.debt, creditsTakenBack: Number(row.taken) };
}

const audit = (
  operator: Operator,
  action: string,
  paymentId: string,
  reason: string,
  detail: Record<string, unknown>,
  read: (tx: Transaction) => Promise<Snapshot>,
) =>
  getDb().transaction(async (tx) => {
    const after = await read(tx);
    await recordAudit(tx, { actor: operator, action, targetType: "payment", targetId: paymentId, reason, detail: { ...detail, after } });
    return after;
  });

/** PortOne did not answer the cancel, or did and could not be read back: the attempt is in the audit log, and reconciliation will learn the rest. */
export class OperatorRefundOutcomeUnknown extends Problem {
  constructor() {
    super(
      502,
      "PORTONE_UNAVAILABLE",
      "PortOne has not confirmed the cancellation",
      "PortOne has not confirmed the cancellation. It may have gone through: check the payment again before retrying.",
      { outcome: "unknown" },
    );
  }
}

/**
 * An operator's cancellation of any amount up to what is cancellable (all of it
 * when no amount is given), whatever the customer's refund rules. The intent is
 * committed first (claimOperatorCancel), so no customer refund runs beside it
 * and reconciliation finds it whatever PortOne answers. syncPayment then
 * records it like a cancellation made in PortOne's console: the payment's
 * credits taken back in proportion, what the balance cannot cover left as a
 * debt. syncPayment commits on its own, so the audit row follows it at once,
 * recording the state it left.
 */
export async function refundAsOperator(operator: Operator, paymentId: string, input: z.infer<typeof operatorRefundSchema>) {
  await findPaymentWithCustomer(paymentId);
  const before = await snapshotOf(getDb(), paymentId);
  const { amount, cancellable } = await claimOperatorCancel(paymentId, { amount: input.amount, hasRefundAccount: !!input.refundAccount });
  const detail = { amount, cancellable, before };
  const sent = await cancelAtPortOne({ paymentId, reason: input.reason, amount, cancellable, requester: "ADMIN", refundAccount: input.refundAccount });
  if (sent.outcome === "unknown") {
    // The intent stays: no customer refund starts until PortOne's answer is seen or its window has passed.
    log.warn({ err: sent.error, paymentId, operator: operator.email }, "operator cancel outcome unknown");
    await audit(operator, "payment.refund.unknown", paymentId, input.reason, detail, (tx) => snapshotOf(tx, paymentId));
    throw new OperatorRefundOutcomeUnknown();
  }
  await settleOperatorCancel(paymentId);
  if (sent.outcome === "refused") {
    if (sent.problem) throw sent.problem;
    log.warn({ paymentId, type: sent.type, portoneMessage: sent.message }, "PortOne refused the operator's cancel");
    throw new Problem(502, "PORTONE_UNAVAILABLE", "PortOne refused the cancellation", `PortOne refused: ${sent.message ?? "unknown"}. Nothing has changed.`, {
      outcome: "refused",
    });
  }
  log.info({ paymentId, amount, operator: operator.email, cancellationId: sent.cancellationId }, "payment cancelled at PortOne by an operator");

  try {
    await syncPayment(paymentId);
  } catch (error) {
    log.warn({ err: error, paymentId }, "operator cancel not read back; the next sync (a webhook, reconciliation) records it");
    await audit(operator, "payment.refund.unknown", paymentId, input.reason, { ...detail, cancelSent: true }, (tx) => snapshotOf(tx, paymentId));
    throw new OperatorRefundOutcomeUnknown();
  }
  const after = await audit(operator, "payment.refund", paymentId, input.reason, detail, (tx) => snapshotOf(tx, paymentId));
  return {
    paymentId,
    status: after.status,
    cancelledAmount: after.cancelledAmount,
    creditsRevoked: after.creditsTakenBack - before.creditsTakenBack,
    balance: after.balance,
  };
}

/** Reads the payment from PortOne again and applies it (syncPayment), with its audit row. */
export async function resyncAsOperator(operator: Operator, paymentId: string, reason: string) {
  await findPaymentWithCustomer(paymentId);
  const before = await snapshotOf(getDb(), paymentId);
  const result = await syncPayment(paymentId);
  const after = await audit(
    operator,
    "payment.sync",
    paymentId,
    reason,
    { before, changed: result.ours && result.changed },
    (tx) => snapshotOf(tx, paymentId),
  );
  return { paymentId, status: after.status, cancelledAmount: after.cancelledAmount, changed: result.ours && result.changed, balance: after.balance };
}
