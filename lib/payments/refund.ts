import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { creditHolds, paymentRefunds, payments, type PaymentRefund } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { holdPaymentCredits, releaseHoldWithin } from "@/lib/credits/holds";
import { lockUser, paymentCreditUse } from "@/lib/credits/lots";
import { config } from "@/lib/env";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { cancelAtPortOne, RefundAccountRequired } from "./cancel";
import { paidByVirtualAccount } from "./payment-method";
import { findOwnPayment } from "./queries";
import { refundAccountSchema } from "./refund-account";
import { REFUND_ANSWER_WINDOW_MS } from "./refund-holds";
import { quoteRefund, type RefundQuote } from "./refund-quote";
import { syncPayment } from "./sync";

export const refundRequestSchema = z.object({
  // What the person was shown: the refund goes ahead only if the quote still says this.
  expectedAmount: z.number().int().min(0).max(100_000_000).optional(),
  // Where a virtual-account payment's refund is paid (required for one, ignored otherwise).
  refundAccount: refundAccountSchema.optional(),
});

export type RefundRequest = z.infer<typeof refundRequestSchema>;

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

/** A refund of the payment is waiting for PortOne's answer: the customer's (its hold) or an operator's cancel. */
const refundUnderWay = (paymentId: string) =>
  sql<boolean>`(exists (select 1 from ${creditHolds} where ${creditHolds.paymentId} = ${paymentId} and ${creditHolds.status} = 'held')
    or coalesce(${payments.operatorCancelRequestedAt} > now() - make_interval(secs => ${REFUND_ANSWER_WINDOW_MS / 1000}::integer), false))`;

/** What refunding the owner's payment would do now. */
export async function getRefundQuote(userId: string, paymentId: string, now = new Date()): Promise<RefundQuote> {
  const payment = await findOwnPayment(userId, paymentId);
  const [use, [pending]] = await Promise.all([
    paymentCreditUse(getDb(), payment),
    getDb().select({ open: refundUnderWay(paymentId) }).from(payments).where(eq(payments.id, paymentId)),
  ]);
  return quoteRefund({ payment, ...use, refundPending: pending?.open ?? false, now }, refundTerms());
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
  request: RefundRequest,
  now: Date,
): Promise<{ refund: PaymentRefund; cancellable: number }> {
  return getDb().transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)))
      .for("update");
    if (!locked) throw new Error(`payment ${paymentId} vanished`);
    // Read after the lock, in a statement of its own: it sees an operator's cancel or another refund committed before.
    const [current] = await tx.select({ payment: payments, refundPending: refundUnderWay(paymentId) }).from(payments).where(eq(payments.id, paymentId));
    const { payment, refundPending } = current!;
    await lockUser(tx, userId);
    const use = await paymentCreditUse(tx, payment);
    const quote = quoteRefund({ payment, ...use, refundPending, now }, refundTerms());
    if (!quote.refundable || quote.rule === "NOT_REFUNDABLE") throw new NotRefundable(quote.reason ?? "Nothing is refundable.");
    if (request.expectedAmount !== undefined && request.expectedAmount !== quote.amount) throw new QuoteChanged(quote);
    if (paidByVirtualAccount(payment) && !request.refundAccount) throw new RefundAccountRequired();

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
    return { refund: refund!, cancellable: payment.amount - payment.cancelledAmount };
  });
}

/** PortOne said no: the held credits go back and the refund is closed as refused, together (unless sync settled it first). */
async function closeRefused(refund: PaymentRefund): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [closed] = await tx
      .update(paymentRefunds)
      .set({ outcome: "refused", settledAt: sql`now()` })
      .where(and(eq(paymentRefunds.id, refund.id), isNull(paymentRefunds.outcome)))
      .returning({ id: paymentRefunds.id });
    if (closed) await releaseHoldWithin(tx, refund.holdId);
  });
}

/** PortOne's id for the cancellation that carries the refund out: what syncPayment matches it by. */
async function recordCancellation(refund: PaymentRefund, cancellationId: string): Promise<void> {
  await getDb()
    .update(paymentRefunds)
    .set({ cancellationId })
    .where(and(eq(paymentRefunds.id, refund.id), isNull(paymentRefunds.cancellationId)));
}

/**
 * The owner's refund of what the quote says: holds its credits, cancels that
 * amount at PortOne (the whole payment when the quote covers it), keeps the id
 * of PortOne's cancellation on the refund, then lets syncPayment record the
 * cancellation, release the hold and take exactly the quoted credits back in
 * one transaction. The hold is released here only when PortOne refused;
 * whenever PortOne's answer is unknown (no answer to the cancel, or the cancel
 * went through but could not be read back) the hold stays until syncPayment,
 * from a webhook or reconciliation, learns what PortOne did.
 */
export async function refundPayment(userId: string, paymentId: string, request: RefundRequest = {}, now = new Date()) {
  const payment = await findOwnPayment(userId, paymentId);
  const { refund, cancellable } = await holdQuotedRefund(userId, paymentId, request, now);

  const sent = await cancelAtPortOne({
    paymentId,
    reason: "고객 요청 환불",
    amount: refund.amount,
    cancellable,
    requester: "CUSTOMER",
    refundAccount: request.refundAccount,
  });
  if (sent.outcome === "unknown") {
    log.warn({ err: sent.error, paymentId, holdId: refund.holdId }, "refund outcome unknown; credits stay held");
    throw new RefundOutcomeUnknown();
  }
  if (sent.outcome === "refused") {
    await closeRefused(refund);
    if (sent.problem) throw sent.problem;
    log.warn({ paymentId, type: sent.type, portoneMessage: sent.message }, "PortOne refused the refund");
    throw new RefundRefused(sent.message);
  }
  if (sent.cancellationId) await recordCancellation(refund, sent.cancellationId);
  log.info(
    { paymentId, userId, amount: refund.amount, paidCredits: refund.paidCredits, cancellationId: sent.cancellationId },
    "payment cancelled at PortOne for a refund",
  );

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
