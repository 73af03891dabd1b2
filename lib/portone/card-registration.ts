import { __INTERNAL__setPortOneSdkUrl, requestIssueBillingKey } from "@portone/browser-sdk/v2";

export type CardRegistrationOutcome =
  | { kind: "issued"; billingKey: string }
  | { kind: "redirected" }
  | { kind: "failed"; message: string; cancelledByCustomer: boolean }
  | { kind: "unavailable"; message: string };

export type CardRegistrationRequest = {
  storeId: string;
  channelKey: string;
  customer: { customerId: string; email: string };
  /** Where PortOne returns when it takes over the page (phones): /account/card. */
  redirectUrl: string;
};

/** Whether a failed registration was the customer closing PortOne's window, rather than a refusal. */
export function registrationCancelled(failure: { pgCode?: string | null; message?: string | null }): boolean {
  return /CANCEL/i.test(failure.pgCode ?? "") || /취소/.test(failure.message ?? "");
}

/**
 * Opens PortOne's card registration window with the official browser SDK
 * (the sandbox's in sandbox mode) and resolves with the billing key PortOne
 * issued for this customer. The server checks that key with PortOne before keeping it.
 * On a phone PortOne may take over the page instead: the SDK resolves undefined
 * and the answer arrives at `redirectUrl` as query parameters.
 */
export async function registerCardWithPortOne(request: CardRegistrationRequest, sdkUrl: string | undefined): Promise<CardRegistrationOutcome> {
  if (sdkUrl) __INTERNAL__setPortOneSdkUrl(sdkUrl);
  let response;
  try {
    response = await requestIssueBillingKey({
      storeId: request.storeId,
      channelKey: request.channelKey,
      billingKeyMethod: "CARD",
      issueName: "AInfo 자동 충전 카드",
      customer: request.customer,
      redirectUrl: request.redirectUrl,
    });
  } catch (error) {
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
  if (!response) return { kind: "redirected" };
  if (response.code !== undefined || !response.billingKey) {
    return {
      kind: "failed",
      message: response.message ?? "카드를 등록하지 못했습니다.",
      cancelledByCustomer: registrationCancelled(response),
    };
  }
  return { kind: "issued", billingKey: response.billingKey };
}
