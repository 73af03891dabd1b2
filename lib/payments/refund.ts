import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { payments, type Payment } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { InsufficientCredits } from "@/lib/credits/errors";
import { releaseHold, reserveCredits } from "@/lib/credits/holds";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { callPortOne, PortOneUnavailable, portoneErrorType } from "@/lib/portone/server";
import { findOwnPayment } from "./queries";
import { syncPayment } from "./sync";

export class NotRefundable extends Problem {
  constructor(detail: string) {
    super(409, "NOT_REFUNDABLE", "This payment cannot be refunded", detail);
  }
}

/** PortOne may or may not have cancelled: the refund's credits stay held until its answer is known. */
export class RefundOutcomeUnknown extends Problem {
  constructor() {
    super(
      502,
      "PORTONE_UNAVAILABLE",
      "PortOne has not confirmed the refund yet",
      "PortOne has not confirmed yet; your credits stay reserved until it does. Check back in a few minutes.",
      { outcome: "unknown" },
    );
  }
}

export class CreditsAlreadySpent extends Problem {
  constructor(credits: number, balance: number) {
    super(
      409,
      "CREDITS_ALREADY_SPENT",
      "The credits of this payment were already spent",
      `A refund takes back the pack's ${credits} credits, and the balance is ${balance}.`,
      { credits, balance },
    );
  }
}

/**
 * Holds the pack's credits, so nothing can spend them while PortOne cancels;
 * refuses when the balance no longer covers them. The payment is first marked as
 * one whose refund was asked for, so a refund hold never exists without the mark
 * that makes syncPayment and reconciliation settle it.
 */
async function holdRefundCredits(userId: string, payment: Payment) {
  await getDb().update(payments).set({ refundRequestedAt: sql`now()` }).where(eq(payments.id, payment.id));
  try {
    const { hold } = await reserveCredits({
      userId,
      amount: payment.credits,
      // One hold per attempt: a refused attempt's hold is released, and a retry needs a new one.
      idempotencyKey: `refund:${payment.id}:${randomUUID()}`,
      paymentId: payment.id,
    });
    return hold;
  } catch (error) {
    if (error instanceof InsufficientCredits) throw new CreditsAlreadySpent(payment.credits, error.balance);
    throw error;
  }
}

/**
 * The owner's refund of a paid order whose credits are still on the balance:
 * holds the credits, cancels the payment at PortOne, then lets syncPayment record
 * the cancellation, release the hold and take the credits back in one
 * transaction. The hold is released here only when PortOne refused; whenever
 * PortOne's answer is unknown (no answer to the cancel, or the cancel went
 * through but could not be read back) the hold stays until syncPayment, from a
 * webhook or reconciliation, learns what PortOne did.
 */
export async function refundPayment(userId: string, paymentId: string) {
  const payment = await findOwnPayment(userId, paymentId);
  if (payment.status !== "PAID" || payment.creditedAt === null) {
    throw new NotRefundable(`Only a paid payment can be refunded; this one is ${payment.status}.`);
  }
  const hold = await holdRefundCredits(userId, payment);

  try {
    await callPortOne((client) =>
      client.cancelPayment({
        paymentId,
        reason: "고객 요청 환불",
        // PortOne refuses the cancel if its cancellable amount is not what we think it is.
        currentCancellableAmount: payment.amount - payment.cancelledAmount,
      }),
    );
  } catch (error) {
    if (error instanceof PortOneUnavailable && error.outcomeUnknown) {
      log.warn({ err: error, paymentId, holdId: hold.id }, "refund outcome unknown; credits stay held");
      throw new RefundOutcomeUnknown();
    }
    if (portoneErrorType(error) !== "PAYMENT_ALREADY_CANCELLED") {
      await releaseHold(hold.id);
      if (error instanceof Problem) throw error;
      log.warn({ err: error, paymentId }, "PortOne refused the refund");
      throw new NotRefundable("PortOne refused to cancel this payment. Nothing has changed.");
    }
  }
  log.info({ paymentId, userId }, "payment cancelled at PortOne for a refund");

  let result: Awaited<ReturnType<typeof syncPayment>>;
  try {
    result = await syncPayment(paymentId);
  } catch (error) {
    // The cancel went through; recording it waits for the cancellation's webhook or reconciliation.
    log.warn({ err: error, paymentId, holdId: hold.id }, "refund not read back; credits stay held");
    throw new RefundOutcomeUnknown();
  }
  const status = result.ours ? result.payment.status : payment.status;
  return { paymentId, status, balance: await getBalance(userId) };
}
