import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";

/** What the start-up hands the app in sandbox mode, for the sandbox the tests started at `sandboxUrl`. */
export function sandboxPortOneEnv(sandboxUrl: string): Record<string, string> {
  return {
    PORTONE_MODE: "sandbox",
    PORTONE_API_BASE_URL: sandboxUrl,
    PORTONE_SDK_URL: `${sandboxUrl}/v2/browser-sdk.js`,
    PORTONE_STORE_ID: SANDBOX_DEFAULTS.storeId,
    PORTONE_CHANNEL_KEY: SANDBOX_DEFAULTS.channelKey,
    PORTONE_API_SECRET: SANDBOX_DEFAULTS.apiSecret,
    PORTONE_WEBHOOK_SECRET: SANDBOX_DEFAULTS.webhookSecret,
  };
}
