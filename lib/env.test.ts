import { describe, expect, it } from "vitest";
import { readConfig } from "./env";

const portone = {
  PORTONE_STORE_ID: "store-x",
  PORTONE_CHANNEL_KEY: "channel-key-x",
  PORTONE_API_SECRET: "secret-x",
  PORTONE_WEBHOOK_SECRET: "whsec_eA==",
};

const business = {
  BUSINESS_NAME: "주식회사 예시",
  BUSINESS_OWNER: "김대표",
  BUSINESS_REGISTRATION_NUMBER: "123-45-67890",
  BUSINESS_MAIL_ORDER_NUMBER: "제2026-서울강남-01234호",
  BUSINESS_ADDRESS: "서울특별시 강남구 테헤란로 1",
  BUSINESS_PHONE: "02-123-4567",
  BUSINESS_EMAIL: "help@example.co.kr",
  BUSINESS_PRIVACY_OFFICER: "김보호 (privacy@example.co.kr)",
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
    const { portone: config } = readConfig({ ...portone, ...business });
    expect(config).toMatchObject({ mode: "live", apiSecret: "secret-x", apiBaseUrl: "https://api.portone.io", sdkUrl: undefined });
  });

  it("makes operators' adjustments over 10,000 credits and refunds over ₩100,000 wait for a second operator, unless set otherwise", () => {
    expect(readConfig({ ...portone, ...business }).adminApproval).toEqual({ credits: 10_000, krw: 100_000 });
    expect(readConfig({ ...portone, ...business, ADMIN_APPROVAL_CREDITS: "500", ADMIN_APPROVAL_KRW: "5000" }).adminApproval).toEqual({ credits: 500, krw: 5_000 });
    expect(() => readConfig({ ...portone, ...business, ADMIN_APPROVAL_KRW: "-1" })).toThrow();
  });

  it("saves cards on the payment channel unless a billing channel of its own is set", () => {
    expect(readConfig({ ...portone, ...business }).portone.billingChannelKey).toBe("channel-key-x");
    expect(readConfig({ ...portone, ...business, PORTONE_BILLING_CHANNEL_KEY: "channel-key-billing" }).portone.billingChannelKey).toBe(
      "channel-key-billing",
    );
  });

  it("refuses to run live without every part of the seller's identity", () => {
    expect(() => readConfig(portone)).toThrow(/BUSINESS_NAME is required when PortOne runs live/);
    expect(() => readConfig({ ...portone, ...business, BUSINESS_MAIL_ORDER_NUMBER: undefined })).toThrow(
      /BUSINESS_MAIL_ORDER_NUMBER is required when PortOne runs live/,
    );
    expect(readConfig({ ...portone, ...business }).business).toEqual({
      name: "주식회사 예시",
      owner: "김대표",
      registrationNumber: "123-45-67890",
      mailOrderNumber: "제2026-서울강남-01234호",
      address: "서울특별시 강남구 테헤란로 1",
      phone: "02-123-4567",
      email: "help@example.co.kr",
      privacyOfficer: "김보호 (privacy@example.co.kr)",
      sample: false,
    });
  });

  it("shows marked sample values in sandbox mode unless all of the real ones are set", () => {
    const sandbox = { ...portone, PORTONE_MODE: "sandbox", PORTONE_API_BASE_URL: "http://127.0.0.1:1", PORTONE_SDK_URL: "http://127.0.0.1:1/x.js" };
    expect(readConfig(sandbox).business.sample).toBe(true);
    expect(readConfig({ ...sandbox, BUSINESS_NAME: "주식회사 예시" }).business).toMatchObject({ sample: true, name: "에이아이인포 주식회사" });
    expect(readConfig({ ...sandbox, ...business }).business).toMatchObject({ sample: false, name: "주식회사 예시" });
  });

  it("never falls back to anything in live mode, explicit or implied", () => {
    expect(() => readConfig({ PORTONE_MODE: "live" })).toThrow(/PORTONE_STORE_ID is required when PortOne runs live/);
    expect(() => readConfig({ PORTONE_API_SECRET: "secret-x" })).toThrow(/PORTONE_STORE_ID is required when PortOne runs live/);
    expect(() => readConfig({ ...portone, PORTONE_WEBHOOK_SECRET: undefined })).toThrow(/PORTONE_WEBHOOK_SECRET is required when PortOne runs live/);
  });
});
