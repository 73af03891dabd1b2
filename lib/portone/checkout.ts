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

// PortOne's failure codes (the redirect's `code`, the SDK's PaymentErrorCode), in our words.
const FAILURE_REASONS: Record<string, string> = {
  FAILURE_TYPE_PG: "카드사 또는 결제대행사에서 결제를 승인하지 않았습니다.",
  PGProviderError: "카드사 또는 결제대행사에서 결제를 승인하지 않았습니다.",
  AmountNotEqualToPredefined: "결제 금액이 주문 금액과 달라 결제가 진행되지 않았습니다.",
  PaymentAlreadyPaid: "이미 결제가 끝난 주문입니다.",
  INVALID_REQUEST: "결제 요청이 올바르지 않아 결제가 진행되지 않았습니다.",
  BadRequest: "결제 요청이 올바르지 않아 결제가 진행되지 않았습니다.",
  RequestParseFailed: "결제 요청이 올바르지 않아 결제가 진행되지 않았습니다.",
  DeadlineExceeded: "결제 서비스가 제때 응답하지 않았습니다.",
  Unavailable: "결제 서비스에 연결할 수 없었습니다.",
};
const UNKNOWN_FAILURE_REASON = "결제를 완료하지 못했습니다.";

/**
 * What to tell the customer about a failed checkout, from PortOne's code alone:
 * the redirect flow's `message` arrives in the query string, where anyone can
 * write it, so it is never shown.
 */
export function checkoutFailureReason(code: string | null | undefined): string {
  return (code && Object.hasOwn(FAILURE_REASONS, code) && FAILURE_REASONS[code]) || UNKNOWN_FAILURE_REASON;
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
