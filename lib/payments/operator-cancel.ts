import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditHolds, payments } from "@/db/schema";
import { Problem } from "@/lib/http/problem";
import { RefundAccountRequired } from "./cancel";
import { paidByVirtualAccount } from "./payment-method";
import { REFUND_ANSWER_WINDOW_MS } from "./refund-holds";

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

/** Another cancel of the payment is waiting for PortOne: PortOne's answer to one could be taken for the other's. */
export class CancelUnderWay extends Problem {
  constructor(whose: "customer" | "operator") {
    super(
      409,
      "REFUND_PENDING",
      whose === "customer" ? "The customer's refund is still waiting for PortOne" : "Another operator's cancel is still waiting for PortOne",
      "Re-sync the payment until PortOne's answer to the cancel under way is known, then cancel.",
    );
  }
}

/**
 * Commits an operator's intent to cancel `amount` (all that is cancellable
 * when none is given) before PortOne is asked: under the payment's row lock,
 * only when no customer refund or other operator cancel is waiting for
 * PortOne. The mark keeps a customer's refund from starting until PortOne's
 * answer is known (or the answer window has passed), and sends reconciliation
 * to the payment, as a customer's refund does.
 */
export async function claimOperatorCancel(
  paymentId: string,
  request: { amount?: number; hasRefundAccount: boolean },
): Promise<{ amount: number; cancellable: number }> {
  return getDb().transaction(async (tx) => {
    await tx.select({ id: payments.id }).from(payments).where(eq(payments.id, paymentId)).for("update");
    const [row] = await tx
      .select({
        payment: payments,
        customerRefund: sql<boolean>`exists (select 1 from ${creditHolds} where ${and(eq(creditHolds.paymentId, paymentId), eq(creditHolds.status, "held"))})`,
        operatorCancel: sql<boolean>`coalesce(${payments.operatorCancelRequestedAt} > now() - make_interval(secs => ${REFUND_ANSWER_WINDOW_MS / 1000}::integer), false)`,
      })
      .from(payments)
      .where(eq(payments.id, paymentId));
    if (!row) throw new Error(`payment ${paymentId} vanished`);
    const { payment } = row;
    if (payment.status !== "PAID" && payment.status !== "PARTIAL_CANCELLED") {
      throw new PaymentNotCancellable(`The payment is ${payment.status}; only a paid payment can be cancelled.`);
    }
    const cancellable = payment.amount - payment.cancelledAmount;
    const amount = request.amount ?? cancellable;
    if (amount > cancellable) throw new AmountOverCancellable(cancellable);
    if (paidByVirtualAccount(payment) && !request.hasRefundAccount) throw new RefundAccountRequired();
    if (row.customerRefund) throw new CancelUnderWay("customer");
    if (row.operatorCancel) throw new CancelUnderWay("operator");
    await tx
      .update(payments)
      .set({ operatorCancelRequestedAt: sql`now()`, refundRequestedAt: sql`now()` })
      .where(eq(payments.id, paymentId));
    return { amount, cancellable };
  });
}

/** PortOne has answered the operator's cancel (done or refused): a customer's refund may start again. */
export async function settleOperatorCancel(paymentId: string): Promise<void> {
  await getDb().update(payments).set({ operatorCancelRequestedAt: null }).where(eq(payments.id, paymentId));
}
