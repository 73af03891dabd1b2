import { __INTERNAL__setPortOneSdkUrl, requestIssueBillingKey } from "@portone/browser-sdk/v2";

export type CardRegistrationOutcome =
  | { kind: "issued"; billingKey: string }
  | { kind: "failed"; message: string; cancelledByCustomer: boolean }
  | { kind: "unavailable"; message: string };

export type CardRegistrationRequest = { storeId: string; channelKey: string; customer: { customerId: string; email: string } };

/**
 * Opens PortOne's card registration window with the official browser SDK
 * (the sandbox's in sandbox mode) and resolves with the billing key PortOne
 * issued for this customer. The server checks that key with PortOne before keeping it.
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
    });
  } catch (error) {
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
  if (!response || response.code !== undefined || !response.billingKey) {
    const pgCode = response?.pgCode ?? "";
    return {
      kind: "failed",
      message: response?.message ?? "카드를 등록하지 못했습니다.",
      cancelledByCustomer: /CANCEL/i.test(pgCode) || /취소/.test(response?.message ?? ""),
    };
  }
  return { kind: "issued", billingKey: response.billingKey };
}
