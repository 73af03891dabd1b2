import { Problem } from "@/lib/http/problem";
import { callPortOne, PortOneUnavailable, portoneErrorType } from "@/lib/portone/server";
import type { RefundAccount } from "./refund-account";

export type CancelOrder = {
  paymentId: string;
  reason: string;
  /** KRW to cancel; the whole cancellable amount is sent as a full cancel. */
  amount: number;
  /** What we believe PortOne can still cancel: PortOne refuses the cancel if it is not so. */
  cancellable: number;
  requester: "CUSTOMER" | "ADMIN";
  refundAccount?: RefundAccount;
};

/** What PortOne did with a cancel: done (with its cancellation's id), refused (nothing was cancelled), or not known. */
export type CancelOutcome =
  | { outcome: "cancelled"; cancellationId: string | undefined }
  | { outcome: "refused"; type: string | undefined; message: string | undefined; problem?: Problem }
  | { outcome: "unknown"; error: unknown };

/** A virtual account is refunded to a bank account, which PortOne needs with the cancel. */
export class RefundAccountRequired extends Problem {
  constructor() {
    super(
      400,
      "REFUND_ACCOUNT_REQUIRED",
      "A virtual-account payment is refunded to a bank account",
      "Give refundAccount { bank, number, holderName }: the account the refund is paid into. Nothing was cancelled.",
    );
  }
}

/**
 * The one PortOne cancel, for the customer's refund and the operator's alike:
 * sends it and says what PortOne did, without deciding what that means for
 * the payment's credits (syncPayment does, from PortOne's own record).
 */
export async function cancelAtPortOne(order: CancelOrder): Promise<CancelOutcome> {
  try {
    const { cancellation } = await callPortOne((client) =>
      client.cancelPayment({
        paymentId: order.paymentId,
        reason: order.reason,
        requester: order.requester === "CUSTOMER" ? "CUSTOMER" : "ADMIN",
        ...(order.amount < order.cancellable ? { amount: order.amount } : {}),
        currentCancellableAmount: order.cancellable,
        ...(order.refundAccount ? { refundAccount: order.refundAccount } : {}),
      }),
    );
    // A cancellation of a kind this SDK does not know carries no id we can read: sync matches it by amount then.
    return { outcome: "cancelled", cancellationId: "id" in cancellation ? cancellation.id : undefined };
  } catch (error) {
    if (error instanceof PortOneUnavailable && error.outcomeUnknown) return { outcome: "unknown", error };
    // Unreachable before anything was sent: a refusal in effect, said as the problem it is.
    if (error instanceof Problem) return { outcome: "refused", type: undefined, message: undefined, problem: error };
    return { outcome: "refused", type: portoneErrorType(error), message: error instanceof Error ? error.message : undefined };
  }
}
