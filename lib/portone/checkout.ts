import { __INTERNAL__setPortOneSdkUrl, requestPayment, type PaymentRequest } from "@portone/browser-sdk/v2";

export type CheckoutOutcome =
  | { kind: "paid"; paymentId: string; txId: string }
  | { kind: "failed"; paymentId: string; code: string; message: string; cancelledByCustomer: boolean }
  | { kind: "redirected" }
  | { kind: "unavailable"; message: string };

// PG codes for a customer who closed the checkout (PortOne reports them as FAILURE_TYPE_PG).
const CUSTOMER_CANCEL_PG_CODES = new Set(["PAY_PROCESS_CANCELED", "USER_CANCEL", "CANCELED_BY_USER"]);

/** Whether a failed checkout was the customer closing it, rather than a decline. */
export function cancelledByCustomer(failure: { pgCode?: string | null; message?: string | null }): boolean {
  return CUSTOMER_CANCEL_PG_CODES.has(failure.pgCode ?? "") || /사용자가 결제를 취소|user cancel/i.test(failure.message ?? "");
}

/**
 * Opens PortOne's checkout with the official browser SDK. In sandbox mode the
 * SDK loads the sandbox's script instead of PortOne's; the code path is the same.
 * requestPayment resolves (never throws) on a decline or a cancel, with `code` set,
 * and resolves undefined when the checkout took over the page (redirect flow).
 */
export async function openCheckout(request: PaymentRequest, sdkUrl: string | undefined): Promise<CheckoutOutcome> {
  if (sdkUrl) __INTERNAL__setPortOneSdkUrl(sdkUrl);
  let response;
  try {
    response = await requestPayment(request);
  } catch (error) {
    // The SDK remembers a failed script load until the page reloads.
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
  if (!response) return { kind: "redirected" };
  if (response.code !== undefined) {
    return {
      kind: "failed",
      paymentId: request.paymentId,
      code: response.code,
      message: response.message ?? "",
      cancelledByCustomer: cancelledByCustomer(response),
    };
  }
  return { kind: "paid", paymentId: response.paymentId, txId: response.txId };
}
