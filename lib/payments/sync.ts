import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { payments, type Payment } from "@/db/schema";
import { grantPurchaseCredits } from "@/lib/credits/ledger";
import { log } from "@/lib/log";
import { callPortOne, portoneErrorType } from "@/lib/portone/server";
import { canTransition, portonePaymentSchema, statusFromPortOne, type PortOnePaymentSnapshot } from "./portone-payment";

export type SyncResult =
  | { ours: false }
  | { ours: true; payment: Payment; changed: boolean; granted: boolean };

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

/**
 * The one place that decides a payment's state: reads the payment from PortOne
 * (never from a webhook body or the browser), then applies the transition and any
 * credit grant in one short transaction. Safe to call any number of times, concurrently.
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
    const next = snapshot && statusFromPortOne(snapshot, order);
    let payment = order;
    let changed = false;

    if (next && next !== order.status && canTransition(order.status, next)) {
      [payment] = (await tx
        .update(payments)
        .set({
          status: next,
          portoneTransactionId: snapshot.transactionId ?? order.portoneTransactionId,
          paidAt: toDate(snapshot.paidAt) ?? order.paidAt,
          cancelledAt: toDate(snapshot.cancelledAt) ?? order.cancelledAt,
          cancelledAmount: snapshot.amount?.cancelled ?? order.cancelledAmount,
          failureReason:
            next === "AMOUNT_MISMATCH"
              ? `PortOne reports ${snapshot.amount?.total ?? "?"} ${snapshot.currency ?? "?"}; the order is ${order.amount} ${order.currency}`
              : (snapshot.failure?.reason ?? snapshot.failure?.pgMessage ?? order.failureReason),
          updatedAt: sql`now()`,
        })
        .where(eq(payments.id, paymentId))
        .returning()) as [Payment];
      changed = true;
      log.info({ paymentId, from: order.status, to: next }, "payment status changed");
    }

    let granted = false;
    if (payment.status === "PAID" && payment.creditedAt === null) {
      const [credited] = await tx
        .update(payments)
        .set({ creditedAt: sql`now()` })
        .where(and(eq(payments.id, paymentId), isNull(payments.creditedAt)))
        .returning();
      if (credited) {
        await grantPurchaseCredits(tx, { userId: credited.userId, paymentId, credits: credited.credits });
        payment = credited;
        granted = true;
        log.info({ paymentId, userId: credited.userId, credits: credited.credits }, "purchase credits granted");
      }
    }
    return { ours: true, payment, changed, granted } as const;
  });
}
