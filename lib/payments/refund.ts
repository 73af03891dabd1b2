import { randomUUID } from "node:crypto";
import type { Payment } from "@/db/schema";
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

export class RefundOutcomeUnknown extends Problem {
  constructor() {
    super(
      502,
      "PORTONE_UNAVAILABLE",
      "PortOne did not confirm the refund",
      "PortOne did not answer in time, so the refund may or may not have gone through. The pack's credits stay held until PortOne's answer arrives; check back in a few minutes.",
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
 * refuses when the balance no longer covers them.
 */
async function holdRefundCredits(userId: string, payment: Payment) {
  try {
    const { hold } = await reserveCredits({
      userId,
      amount: payment.credits,
      // One hold per attempt: a failed attempt's hold is released, and a retry needs a new one.
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
 * transaction. If PortOne refuses, the hold is released and nothing else has
 * changed; if PortOne does not answer, the cancel may still happen, so the hold
 * stays until the cancellation's webhook settles it (or reconciliation releases
 * it as stale).
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
      // The cancel may still go through: the credits stay held until its webhook (or reconciliation) settles it.
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
  } finally {
    // Released already with the revoke, normally (here or by the cancellation's webhook). If PortOne could
    // not be read back, the credits return now, and the webhook takes them when it comes.
    await releaseHold(hold.id);
  }
  const status = result.ours ? result.payment.status : payment.status;
  return { paymentId, status, balance: await getBalance(userId) };
}
