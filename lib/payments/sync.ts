import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { creditLedger, paymentRefunds, payments, type Payment, type PaymentStatus } from "@/db/schema";
import { dropRefusedCard } from "@/lib/auto-topup/settings";
import { grantPurchaseCredits, revokeCancelledCredits, revokeRefundedCredits } from "@/lib/credits/grants";
import { releaseRefundHoldsWithin } from "@/lib/credits/holds";
import { cancellationKey } from "@/lib/credits/ledger";
import { log } from "@/lib/log";
import { callPortOne, portoneErrorType } from "@/lib/portone/server";
import {
  canTransition,
  portonePaymentSchema,
  revocationsFor,
  statusFromPortOne,
  type PortOnePaymentSnapshot,
  type QuotedRefund,
} from "./portone-payment";
import { releaseUnfulfilledRefundHolds } from "./refund-holds";

export type SyncResult =
  | { ours: false }
  | {
      ours: true;
      payment: Payment;
      /** Whether PortOne knows the payment (an order nobody paid for yet, or a top-up PortOne never received, it does not). */
      found: boolean;
      changed: boolean;
      granted: boolean;
      revokedCredits: number;
    };

async function fetchFromPortOne(paymentId: string): Promise<PortOnePaymentSnapshot | undefined> {
  try {
    const payment = await callPortOne((client) => client.getPayment({ paymentId }));
    return portonePaymentSchema.parse(payment);
  } catch (error) {
    if (portoneErrorType(error) === "PAYMENT_NOT_FOUND") return undefined;
    throw error;
  }
}

const toDate = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

function describeFailure(next: PaymentStatus, snapshot: PortOnePaymentSnapshot, order: Payment): string | null {
  if (next === "AMOUNT_MISMATCH") {
    return `PortOne reports ${snapshot.amount?.total ?? "?"} ${snapshot.currency ?? "?"}; the order is ${order.amount} ${order.currency}`;
  }
  return snapshot.failure?.reason ?? snapshot.failure?.pgMessage ?? order.failureReason;
}

// A paid (or partly cancelled, hence paid) payment is owed its pack's credits.
const GRANTING: readonly PaymentStatus[] = ["PAID", "PARTIAL_CANCELLED"];

/**
 * Moves the locked order to what PortOne says, if the state machine allows it,
 * copying PortOne's facts; marks it credited in the same statement when its
 * credits fall due (design.md rule 2: with the row locked, at most once).
 */
async function applyStatus(
  tx: Transaction,
  order: Payment,
  snapshot: PortOnePaymentSnapshot,
): Promise<{ payment: Payment; creditDue: boolean }> {
  const next = statusFromPortOne(snapshot, order);
  const moves = next !== undefined && next !== order.status && canTransition(order.status, next);
  const status = moves ? next : order.status;
  const creditDue = GRANTING.includes(status) && order.creditedAt === null;
  const moreCancelled = (snapshot.amount?.cancelled ?? 0) > order.cancelledAmount;
  if (!moves && !moreCancelled && !creditDue) return { payment: order, creditDue: false };
  const virtualAccount = snapshot.method?.type === "PaymentMethodVirtualAccount" ? snapshot.method : undefined;
  const easyPayProvider = snapshot.method?.type === "PaymentMethodEasyPay" ? snapshot.method.provider : undefined;
  const [updated] = await tx
    .update(payments)
    .set({
      status,
      portoneTransactionId: snapshot.transactionId ?? order.portoneTransactionId,
      paidAt: toDate(snapshot.paidAt) ?? order.paidAt,
      cancelledAt: toDate(snapshot.cancelledAt) ?? order.cancelledAt,
      cancelledAmount: Math.max(snapshot.amount?.cancelled ?? 0, order.cancelledAmount),
      failureReason: moves ? describeFailure(next, snapshot, order) : order.failureReason,
      virtualAccountBank: virtualAccount?.bank ?? order.virtualAccountBank,
      virtualAccountNumber: virtualAccount?.accountNumber ?? order.virtualAccountNumber,
      virtualAccountExpiresAt: toDate(virtualAccount?.expiredAt) ?? order.virtualAccountExpiresAt,
      receiptUrl: snapshot.receiptUrl ?? order.receiptUrl,
      easyPayProvider: easyPayProvider ?? order.easyPayProvider,
      ...(creditDue ? { creditedAt: sql`now()` } : {}),
      updatedAt: sql`now()`,
    })
    .where(creditDue ? and(eq(payments.id, order.id), isNull(payments.creditedAt)) : eq(payments.id, order.id))
    .returning();
  if (!updated) return { payment: order, creditDue: false };
  log.info({ paymentId: order.id, from: order.status, to: updated.status, cancelled: updated.cancelledAmount }, "payment updated");
  return { payment: updated, creditDue };
}

/** Customer refunds of this payment still waiting for PortOne's cancellation to be recorded, oldest first. */
async function waitingRefunds(tx: Transaction, paymentId: string): Promise<QuotedRefund[]> {
  return tx
    .select({
      id: paymentRefunds.id,
      amount: paymentRefunds.amount,
      paidCredits: paymentRefunds.paidCredits,
      bonusCredits: paymentRefunds.bonusCredits,
      cancellationId: paymentRefunds.cancellationId,
    })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.paymentId, paymentId), isNull(paymentRefunds.outcome)))
    .orderBy(asc(paymentRefunds.id));
}

/**
 * Rule 4: each PortOne cancellation takes its credits back once, however often
 * it is seen: a customer's refund exactly its quote, any other in proportion. A
 * refund's hold on the same credits is released in the same transaction, so
 * they are neither spendable nor taken twice at any moment.
 */
async function revokeCancelled(tx: Transaction, payment: Payment, snapshot: PortOnePaymentSnapshot): Promise<number> {
  if (!snapshot.cancellations?.some((c) => c.status === "SUCCEEDED")) return 0;
  const done = await tx
    .select({ key: creditLedger.idempotencyKey, delta: creditLedger.delta })
    .from(creditLedger)
    .where(and(eq(creditLedger.paymentId, payment.id), inArray(creditLedger.kind, ["revoke", "void"])));
  const doneKeys = new Set(done.map((d) => d.key));
  const already = {
    cancellationIds: new Set(snapshot.cancellations.filter((c) => doneKeys.has(cancellationKey(c.id))).map((c) => c.id)),
    credits: done.reduce((sum, d) => sum - d.delta, 0),
  };
  const due = revocationsFor(snapshot, payment, already, await waitingRefunds(tx, payment.id)).filter((r) => r.credits > 0 || r.refund);
  if (due.length === 0) return 0;
  await releaseRefundHoldsWithin(tx, payment.id);
  let revoked = 0;
  for (const r of due) {
    const owner = { userId: payment.userId, paymentId: payment.id, cancellationId: r.cancellationId };
    if (r.refund) {
      const taken = await revokeRefundedCredits(tx, { ...owner, paidCredits: r.refund.paidCredits, bonusCredits: r.refund.bonusCredits });
      await tx
        .update(paymentRefunds)
        .set({ cancellationId: r.cancellationId, outcome: "completed", settledAt: sql`now()` })
        .where(eq(paymentRefunds.id, r.refund.id));
      revoked += taken.revoked + taken.voided;
      log.info({ paymentId: payment.id, cancellationId: r.cancellationId, ...taken }, "refunded credits taken back");
    } else {
      await revokeCancelledCredits(tx, { ...owner, credits: r.credits });
      revoked += r.credits;
      log.info({ paymentId: payment.id, cancellationId: r.cancellationId, credits: r.credits }, "purchase credits revoked");
    }
  }
  return revoked;
}

/**
 * The one place that decides a payment's state: reads the payment from PortOne
 * (never from a webhook body or the browser), then applies the transition, the
 * credit grant and any revocations in one short transaction, with the order's
 * row locked. Safe to call any number of times, concurrently.
 * Throws PortOneUnavailable when PortOne cannot be asked; nothing changes then.
 */
export async function syncPayment(paymentId: string): Promise<SyncResult> {
  const db = getDb();
  const [known] = await db.select({ id: payments.id }).from(payments).where(eq(payments.id, paymentId));
  if (!known) return { ours: false };

  // Read PortOne before the transaction: no transaction is held open across a network call.
  const snapshot = await fetchFromPortOne(paymentId);

  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!order) return { ours: false } as const;
    if (!snapshot) return { ours: true, payment: order, found: false, changed: false, granted: false, revokedCredits: 0 } as const;

    const { payment, creditDue } = await applyStatus(tx, order, snapshot);
    if (creditDue) {
      await grantPurchaseCredits(tx, {
        userId: payment.userId,
        paymentId: payment.id,
        paidCredits: payment.paidCredits,
        bonusCredits: payment.bonusCredits,
      });
      log.info({ paymentId: payment.id, userId: payment.userId, credits: payment.credits }, "purchase credits granted");
    }
    const revokedCredits = payment.creditedAt ? await revokeCancelled(tx, payment, snapshot) : 0;
    // Only a payment someone asked to refund can have a refund's hold on its credits.
    if (payment.refundRequestedAt) await releaseUnfulfilledRefundHolds(tx, payment.id, snapshot);
    // A declined auto top-up turns auto top-up off in this same transaction, so no second charge can follow it.
    if (payment.trigger === "AUTO_TOPUP" && payment.status === "FAILED" && order.status !== "FAILED") {
      await dropRefusedCard(tx, payment.userId, snapshot.billingKey, "CARD_DECLINED");
    }
    return { ours: true, payment, found: true, changed: payment !== order, granted: creditDue, revokedCredits } as const;
  });
}
