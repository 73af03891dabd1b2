import type { SelectedChannel } from "@portone/server-sdk/common";

/** The sandbox's one merchant, as PortOne names the account that owns the store. */
export const MERCHANT_ID = "merchant-ainfo-sandbox";

/** The test channel every sandbox payment and billing key goes through. */
export function sandboxChannel(channelKey: string | undefined): SelectedChannel {
  return { type: "TEST", key: channelKey, name: "AInfo 샌드박스 채널", pgProvider: "TOSSPAYMENTS", pgMerchantId: "ainfo-sandbox" };
}
