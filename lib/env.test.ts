import { describe, expect, it } from "vitest";
import { readConfig } from "./env";

const portone = {
  PORTONE_STORE_ID: "store-x",
  PORTONE_CHANNEL_KEY: "channel-key-x",
  PORTONE_API_SECRET: "secret-x",
  PORTONE_WEBHOOK_SECRET: "whsec_eA==",
};

describe("readConfig", () => {
  it("reads every PortOne value from the environment in sandbox mode, as in live mode", () => {
    const { portone: config } = readConfig({
      ...portone,
      PORTONE_MODE: "sandbox",
      PORTONE_API_BASE_URL: "http://127.0.0.1:4999",
      PORTONE_SDK_URL: "http://127.0.0.1:4999/v2/browser-sdk.js",
    });
    expect(config).toEqual({
      mode: "sandbox",
      storeId: "store-x",
      channelKey: "channel-key-x",
      billingChannelKey: "channel-key-x",
      apiSecret: "secret-x",
      webhookSecret: "whsec_eA==",
      apiBaseUrl: "http://127.0.0.1:4999",
      sdkUrl: "http://127.0.0.1:4999/v2/browser-sdk.js",
    });
  });

  it("has no sandbox defaults of its own: sandbox mode without its values is an error naming the first missing one", () => {
    expect(() => readConfig({ PORTONE_MODE: "sandbox" })).toThrow(/PORTONE_STORE_ID is required in sandbox mode/);
    expect(() => readConfig({})).toThrow(/PORTONE_STORE_ID is required in sandbox mode/);
    expect(() => readConfig({ ...portone, PORTONE_MODE: "sandbox", PORTONE_SDK_URL: "http://127.0.0.1:1/x.js" })).toThrow(
      /PORTONE_API_BASE_URL is required/,
    );
  });

  it("runs live when an API secret is set, on PortOne's own API and SDK", () => {
    const { portone: config } = readConfig(portone);
    expect(config).toMatchObject({ mode: "live", apiSecret: "secret-x", apiBaseUrl: "https://api.portone.io", sdkUrl: undefined });
  });

  it("saves cards on the payment channel unless a billing channel of its own is set", () => {
    expect(readConfig(portone).portone.billingChannelKey).toBe("channel-key-x");
    expect(readConfig({ ...portone, PORTONE_BILLING_CHANNEL_KEY: "channel-key-billing" }).portone.billingChannelKey).toBe("channel-key-billing");
  });

  it("never falls back to anything in live mode, explicit or implied", () => {
    expect(() => readConfig({ PORTONE_MODE: "live" })).toThrow(/PORTONE_STORE_ID is required when PortOne runs live/);
    expect(() => readConfig({ PORTONE_API_SECRET: "secret-x" })).toThrow(/PORTONE_STORE_ID is required when PortOne runs live/);
    expect(() => readConfig({ ...portone, PORTONE_WEBHOOK_SECRET: undefined })).toThrow(/PORTONE_WEBHOOK_SECRET is required when PortOne runs live/);
  });
});
