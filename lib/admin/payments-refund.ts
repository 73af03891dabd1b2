import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { creditHolds, creditLedger, payments, users } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { syncPayment } from "@/lib/payments/sync";
import { callPortOne, PortOneUnavailable, portoneErrorType } from "@/lib/portone/server";
import { reasonSchema, recordAudit } from "./audit";
import type { Operator } from "./operators";
import { findPaymentWithCustomer } from "./payments";

export const operatorRefundSchema = z.object({
  amount: z.number().int().min(1).max(100_000_000).optional(),
  reason: reasonSchema,
});

export const operatorSyncSchema = z.object({ reason: reasonSchema });

export class PaymentNotCancellable extends Problem {
  constructor(detail: string) {
    super(409, "NOT_REFUNDABLE", "This payment cannot be cancelled", detail);
  }
}

export class AmountOverCancellable extends Problem {
  constructor(cancellable: number) {
    super(409, "AMOUNT_OVER_CANCELLABLE", "The amount is more than can be cancelled", `At most ₩${cancellable.toLocaleString("ko-KR")} can be cancelled.`, {
      cancellable,
    });
  }
}

const customerRefundPending = async (paymentId: string) =>
  (
    await getDb()
      .select({ id: creditHolds.id })
      .from(creditHolds)
      .where(and(eq(creditHolds.paymentId, paymentId), eq(creditHolds.status, "held")))
      .limit(1)
  ).length > 0;

/** A customer's refund is on its way: PortOne's answer to it could be taken for the operator's cancel, or the other way round. */
export class CustomerRefundPending extends Problem {
  constructor() {
    super(
      409,
      "REFUND_PENDING",
      "The customer's refund is still waiting for PortOne",
      "Re-sync the payment until PortOne's answer to the customer's refund is known, then cancel.",
    );
  }
}

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
 * when no amount is given), whatever the customer's refund rules. syncPayment
 * then records it like a cancellation made in PortOne's console: the payment's
 * credits taken back in proportion, what the balance cannot cover left as a
 * debt. syncPayment commits on its own, so the audit row follows it at once,
 * recording the state it left.
 */
export async function refundAsOperator(operator: Operator, paymentId: string, input: z.infer<typeof operatorRefundSchema>) {
  const { payment } = await findPaymentWithCustomer(paymentId);
  if (payment.status !== "PAID" && payment.status !== "PARTIAL_CANCELLED") {
    throw new PaymentNotCancellable(`The payment is ${payment.status}; only a paid payment can be cancelled.`);
  }
  const cancellable = payment.amount - payment.cancelledAmount;
  const amount = input.amount ?? cancellable;
  if (amount > cancellable) throw new AmountOverCancellable(cancellable);
  if (await customerRefundPending(paymentId)) throw new CustomerRefundPending();

  const before = await snapshotOf(getDb(), paymentId);
  const detail = { amount, cancellable, before };
  try {
    await callPortOne((client) =>
      client.cancelPayment({
        paymentId,
        reason: input.reason,
        ...(amount < cancellable ? { amount } : {}),
        // PortOne refuses the cancel if its cancellable amount is not what we think it is.
        currentCancellableAmount: cancellable,
      }),
    );
  } catch (error) {
    if (error instanceof PortOneUnavailable && error.outcomeUnknown) {
      log.warn({ err: error, paymentId, operator: operator.email }, "operator cancel outcome unknown");
      await audit(operator, "payment.refund.unknown", paymentId, input.reason, detail, (tx) => snapshotOf(tx, paymentId));
      throw new OperatorRefundOutcomeUnknown();
    }
    if (error instanceof Problem) throw error;
    log.warn({ err: error, paymentId, type: portoneErrorType(error) }, "PortOne refused the operator's cancel");
    throw new Problem(502, "PORTONE_UNAVAILABLE", "PortOne refused the cancellation", `PortOne refused: ${error instanceof Error ? error.message : "unknown"}. Nothing has changed.`, {
      outcome: "refused",
    });
  }
  log.info({ paymentId, amount, operator: operator.email }, "payment cancelled at PortOne by an operator");

  try {
    await syncPayment(paymentId);
  } catch (error) {
    log.warn({ err: error, paymentId }, "operator cancel not read back; reconciliation will record it");
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
