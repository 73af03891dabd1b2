/**
 * The sandbox's built-in credentials. The app uses the same values when no live
 * PortOne keys are configured, so `npm run dev` needs no setup. They guard
 * nothing real: the sandbox moves no money.
 */
export const SANDBOX_DEFAULTS = {
  port: 4010,
  storeId: "store-ainfo-sandbox",
  channelKey: "channel-key-ainfo-sandbox",
  apiSecret: "ainfo-sandbox-api-secret",
  webhookSecret: "whsec_YWluZm8tY3JlZGl0cy1zYW5kYm94LXdlYmhvb2stc2VjcmV0IQ==",
} as const;
