import { getBalance } from "@/lib/accounts/users";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { callPortOne, portoneErrorType } from "@/lib/portone/server";
import { findOwnPayment } from "./queries";
import { syncPayment } from "./sync";

export class NotRefundable extends Problem {
  constructor(detail: string) {
    super(409, "NOT_REFUNDABLE", "This payment cannot be refunded", detail);
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
 * The owner's refund of a paid order whose credits are still on the balance:
 * cancels the payment at PortOne, then lets syncPayment record the cancellation
 * and take the credits back. The balance check is for the person's sake; the
 * money is safe without it, since a revocation of spent credits leaves a debt.
 */
export async function refundPayment(userId: string, paymentId: string) {
  const payment = await findOwnPayment(userId, paymentId);
  if (payment.status !== "PAID" || payment.creditedAt === null) {
    throw new NotRefundable(`Only a paid payment can be refunded; this one is ${payment.status}.`);
  }
  const balance = await getBalance(userId);
  if (balance < payment.credits) throw new CreditsAlreadySpent(payment.credits, balance);

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
    if (portoneErrorType(error) !== "PAYMENT_ALREADY_CANCELLED") {
      if (error instanceof Problem) throw error;
      log.warn({ err: error, paymentId }, "PortOne refused the refund");
      throw new NotRefundable("PortOne refused to cancel this payment. Nothing has changed.");
    }
  }
  log.info({ paymentId, userId }, "payment cancelled at PortOne for a refund");
  const result = await syncPayment(paymentId);
  const status = result.ours ? result.payment.status : payment.status;
  return { paymentId, status, balance: await getBalance(userId) };
}
