import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { creditHolds, paymentRefunds, payments, type PaymentRefund } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { holdPaymentCredits, releaseHoldWithin } from "@/lib/credits/holds";
import { lockUser, paymentLotCredits } from "@/lib/credits/lots";
import { config } from "@/lib/env";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { callPortOne, PortOneUnavailable, portoneErrorType } from "@/lib/portone/server";
import { findOwnPayment } from "./queries";
import { quoteRefund, type RefundQuote } from "./refund-quote";
import { syncPayment } from "./sync";

export const refundRequestSchema = z.object({
  // What the person was shown: the refund goes ahead only if the quote still says this.
  expectedAmount: z.number().int().min(0).max(100_000_000).optional(),
});

export class NotRefundable extends Problem {
  constructor(detail: string) {
    super(409, "NOT_REFUNDABLE", "This payment cannot be refunded", detail);
  }
}

export class QuoteChanged extends Problem {
  constructor(quote: RefundQuote) {
    super(
      409,
      "QUOTE_CHANGED",
      "The refund quote has changed",
      `The refund would now be ₩${quote.amount.toLocaleString("ko-KR")}. Nothing was refunded; check the new quote and confirm again.`,
      { quote },
    );
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

/** PortOne answered and said no: the held credits are back, and nothing was refunded. */
export class RefundRefused extends Problem {
  constructor(portoneMessage: string | undefined) {
    super(
      502,
      "PORTONE_UNAVAILABLE",
      "PortOne refused the refund",
      `PortOne refused to cancel this payment${portoneMessage ? ` (${portoneMessage})` : ""}. Nothing has changed.`,
      { outcome: "refused" },
    );
  }
}

const refundTerms = () => ({ feePercent: config().credits.refundFeePercent });

const hasOpenRefund = (paymentId: string) =>
  sql<boolean>`exists (select 1 from ${creditHolds} where ${creditHolds.paymentId} = ${paymentId} and ${creditHolds.status} = 'held')`;

/** What refunding the owner's payment would do now. */
export async function getRefundQuote(userId: string, paymentId: string, now = new Date()): Promise<RefundQuote> {
  const payment = await findOwnPayment(userId, paymentId);
  const [unused, [pending]] = await Promise.all([
    paymentLotCredits(getDb(), paymentId),
    getDb().select({ open: hasOpenRefund(paymentId) }).from(payments).where(eq(payments.id, paymentId)),
  ]);
  return quoteRefund({ payment, unused, refundPending: pending?.open ?? false, now }, refundTerms());
}

/**
 * Quotes the refund and holds exactly the credits it takes back, under the
 * payment's and the user's row locks, so the quote cannot move between being
 * read and being held; marks the payment as one whose refund was asked for and
 * records the quote, all in one transaction.
 */
async function holdQuotedRefund(
  userId: string,
  paymentId: string,
  expectedAmount: number | undefined,
  now: Date,
): Promise<{ refund: PaymentRefund; cancellable: number }> {
  return getDb().transaction(async (tx) => {
    const [payment] = await tx
      .select({ payment: payments, refundPending: hasOpenRefund(paymentId) })
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)))
      .for("update", { of: payments });
    if (!payment) throw new Error(`payment ${paymentId} vanished`);
    await lockUser(tx, userId);
    const unused = await paymentLotCredits(tx, paymentId);
    const quote = quoteRefund({ payment: payment.payment, unused, refundPending: payment.refundPending, now }, refundTerms());
    if (!quote.refundable || quote.rule === "NOT_REFUNDABLE") throw new NotRefundable(quote.reason ?? "Nothing is refundable.");
    if (expectedAmount !== undefined && expectedAmount !== quote.amount) throw new QuoteChanged(quote);

    await tx.update(payments).set({ refundRequestedAt: sql`now()` }).where(eq(payments.id, paymentId));
    const hold = await holdPaymentCredits(tx, {
      userId,
      paymentId,
      paidCredits: quote.paidCredits,
      bonusCredits: quote.bonusCredits,
      // One hold per attempt: a refused attempt's hold is released, and a retry needs a new one.
      idempotencyKey: `refund:${paymentId}:${randomUUID()}`,
    });
    const [refund] = await tx
      .insert(paymentRefunds)
      .values({
        paymentId,
        userId,
        holdId: hold.id,
        rule: quote.rule,
        amount: quote.amount,
        paidCredits: quote.paidCredits,
        bonusCredits: quote.bonusCredits,
        fee: quote.fee,
      })
      .returning();
    // What PortOne must still be able to cancel, as read under the lock the quote was made under.
    return { refund: refund!, cancellable: payment.payment.amount - payment.payment.cancelledAmount };
  });
}

/** PortOne said no: the held credits go back and the refund is closed as refused, together. */
async function closeRefused(refund: PaymentRefund): Promise<void> {
  await getDb().transaction(async (tx) => {
    await releaseHoldWithin(tx, refund.holdId);
    await tx.update(paymentRefunds).set({ outcome: "refused", settledAt: sql`now()` }).where(eq(paymentRefunds.id, refund.id));
  });
}

/**
 * The owner's refund of what the quote says: holds its credits, cancels that
 * amount at PortOne (the whole payment when the quote covers it), then lets
 * syncPayment record the cancellation, release the hold and take exactly the
 * quoted credits back in one transaction. The hold is released here only when
 * PortOne refused; whenever PortOne's answer is unknown (no answer to the
 * cancel, or the cancel went through but could not be read back) the hold
 * stays until syncPayment, from a webhook or reconciliation, learns what
 * PortOne did.
 */
export async function refundPayment(userId: string, paymentId: string, expectedAmount?: number, now = new Date()) {
  const payment = await findOwnPayment(userId, paymentId);
  const { refund, cancellable } = await holdQuotedRefund(userId, paymentId, expectedAmount, now);

  try {
    await callPortOne((client) =>
      client.cancelPayment({
        paymentId,
        reason: "고객 요청 환불",
        ...(refund.amount < cancellable ? { amount: refund.amount } : {}),
        // PortOne refuses the cancel if its cancellable amount is not what we think it is.
        currentCancellableAmount: cancellable,
      }),
    );
  } catch (error) {
    if (error instanceof PortOneUnavailable && error.outcomeUnknown) {
      log.warn({ err: error, paymentId, holdId: refund.holdId }, "refund outcome unknown; credits stay held");
      throw new RefundOutcomeUnknown();
    }
    if (portoneErrorType(error) !== "PAYMENT_ALREADY_CANCELLED") {
      await closeRefused(refund);
      if (error instanceof Problem) throw error;
      log.warn({ err: error, paymentId }, "PortOne refused the refund");
      throw new RefundRefused(error instanceof Error ? error.message : undefined);
    }
  }
  log.info({ paymentId, userId, amount: refund.amount, paidCredits: refund.paidCredits }, "payment cancelled at PortOne for a refund");

  let result: Awaited<ReturnType<typeof syncPayment>>;
  try {
    result = await syncPayment(paymentId);
  } catch (error) {
    // The cancel went through; recording it waits for the cancellation's webhook or reconciliation.
    log.warn({ err: error, paymentId, holdId: refund.holdId }, "refund not read back; credits stay held");
    throw new RefundOutcomeUnknown();
  }
  const status = result.ours ? result.payment.status : payment.status;
  return { paymentId, status, refundedAmount: refund.amount, balance: await getBalance(userId) };
}
