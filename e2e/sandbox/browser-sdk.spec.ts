import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { PaymentClient } from "@portone/server-sdk";
import { devices, type Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { build } from "esbuild";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { startSandbox, type Sandbox } from "@/sandbox/server";

// The official @portone/browser-sdk, unchanged, in Chromium against the sandbox's script: no app involved.
let sandbox: Sandbox;
let merchant: http.Server;
let merchantUrl: string;
let portone: PaymentClient;

async function sdkBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import * as PortOne from "@portone/browser-sdk/v2"; window.PortOneSDK = PortOne;`,
      resolveDir: process.cwd(),
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

test.beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    apiSecret: SANDBOX_DEFAULTS.apiSecret,
    webhookSecret: SANDBOX_DEFAULTS.webhookSecret,
    storeId: SANDBOX_DEFAULTS.storeId,
    webhookUrl: "http://127.0.0.1:9/unused",
    retryDelaysMs: [0],
  });
  portone = PaymentClient({ secret: SANDBOX_DEFAULTS.apiSecret, baseUrl: sandbox.url });
  const bundle = await sdkBundle();
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>merchant</title></head><body>
<h1>Test merchant</h1>
<script>${bundle}</script>
<script>
  PortOneSDK.__INTERNAL__setPortOneSdkUrl(${JSON.stringify(`${sandbox.url}/v2/browser-sdk.js`)});
  window.pay = (request) => PortOneSDK.requestPayment(request).then((response) => {
    // Kept across the redirect flow's navigation, for the test to read back.
    sessionStorage.setItem("resolved", response === undefined ? "undefined" : JSON.stringify(response));
    return response;
  });
  window.issue = (request) => PortOneSDK.requestIssueBillingKey(request);
</script></body></html>`;
  merchant = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(req.url?.startsWith("/return") ? "<h1>returned</h1>" : page);
  });
  await new Promise<void>((resolve) => merchant.listen(0, "127.0.0.1", resolve));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  merchant.closeAllConnections();
  await new Promise<void>((resolve) => merchant.close(() => resolve()));
  await sandbox.close();
});

function request(extra: Record<string, unknown> = {}) {
  return {
    storeId: SANDBOX_DEFAULTS.storeId,
    channelKey: SANDBOX_DEFAULTS.channelKey,
    paymentId: `pay-${randomUUID()}`,
    orderName: "AInfo 550 크레딧",
    totalAmount: 5000,
    currency: "KRW",
    payMethod: "CARD",
    ...extra,
  };
}

async function openCheckout(page: Page, req: ReturnType<typeof request>) {
  await page.goto(merchantUrl);
  const result = page.evaluate((r) => (window as unknown as { pay(r: unknown): Promise<unknown> }).pay(r), req);
  const frame = page.frameLocator("iframe[title*='PortOne']");
  await expect(frame.getByText("₩5,000")).toBeVisible();
  await expect(frame.getByText("AInfo 550 크레딧")).toBeVisible();
  return { result, frame };
}

test("paying resolves with the PAYMENT response and leaves the payment PAID", async ({ page }) => {
  const req = request();
  const { result, frame } = await openCheckout(page, req);
  await frame.getByRole("button", { name: "결제하기" }).click();
  const response = (await result) as Record<string, unknown>;
  expect(response).toEqual({ transactionType: "PAYMENT", txId: expect.any(String), paymentId: req.paymentId });
  const payment = await portone.getPayment({ paymentId: req.paymentId });
  expect(payment).toMatchObject({ status: "PAID", transactionId: response.txId, amount: { total: 5000 } });
  await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(0);
});

test("cancelling resolves with a code and message and charges nothing", async ({ page }) => {
  const req = request();
  const { result, frame } = await openCheckout(page, req);
  await frame.getByRole("button", { name: "취소" }).click();
  expect(await result).toMatchObject({ transactionType: "PAYMENT", paymentId: req.paymentId, code: "FAILURE_TYPE_PG", pgCode: "PAY_PROCESS_CANCELED", message: expect.stringContaining("취소") });
  expect(await portone.getPayment({ paymentId: req.paymentId })).toMatchObject({ status: "READY" });
});

test("a declined test card resolves with FAILURE_TYPE_PG and the payment FAILED", async ({ page }) => {
  const req = request();
  const { result, frame } = await openCheckout(page, req);
  await frame.getByRole("button", { name: /거절/ }).click();
  expect(await result).toMatchObject({ code: "FAILURE_TYPE_PG", pgCode: "REJECT_CARD_COMPANY", paymentId: req.paymentId });
  expect(await portone.getPayment({ paymentId: req.paymentId })).toMatchObject({ status: "FAILED" });
});

test("a virtual account is issued from the checkout and waits for its deposit", async ({ page }) => {
  const req = request({ payMethod: "VIRTUAL_ACCOUNT", virtualAccount: { accountExpiry: { validHours: 24 } } });
  const { result, frame } = await openCheckout(page, req);
  await frame.getByRole("button", { name: "가상계좌 발급받기" }).click();
  expect(await result).toEqual({ transactionType: "PAYMENT", txId: expect.any(String), paymentId: req.paymentId });
  expect(await portone.getPayment({ paymentId: req.paymentId })).toMatchObject({
    status: "VIRTUAL_ACCOUNT_ISSUED",
    method: { type: "PaymentMethodVirtualAccount", accountNumber: expect.any(String) },
  });
});

test("a checkout for another amount than pre-registered is refused before it opens", async ({ page }) => {
  const req = request();
  await portone.preRegisterPayment({ paymentId: req.paymentId, totalAmount: 1000, currency: "KRW" });
  await page.goto(merchantUrl);
  const response = await page.evaluate((r) => (window as unknown as { pay(r: unknown): Promise<unknown> }).pay(r), req);
  expect(response).toMatchObject({ code: "FAILURE_TYPE_PG", message: expect.stringContaining("사전 등록") });
  await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(0);
});

test("paying by KakaoPay shows 카카오페이 and leaves a PAID easy-pay payment", async ({ page }) => {
  const req = request({ payMethod: "EASY_PAY", easyPay: { easyPayProvider: "KAKAOPAY" } });
  const { result, frame } = await openCheckout(page, req);
  await expect(frame.getByRole("definition").filter({ hasText: "카카오페이" })).toBeVisible();
  await frame.getByRole("button", { name: "카카오페이로 결제하기" }).click();
  expect(await result).toEqual({ transactionType: "PAYMENT", txId: expect.any(String), paymentId: req.paymentId });
  expect(await portone.getPayment({ paymentId: req.paymentId })).toMatchObject({
    status: "PAID",
    method: { type: "PaymentMethodEasyPay", provider: "KAKAOPAY" },
  });
});

test("easy pay without a provider is refused before a checkout opens", async ({ page }) => {
  await page.goto(merchantUrl);
  const response = await page.evaluate((r) => (window as unknown as { pay(r: unknown): Promise<unknown> }).pay(r), request({ payMethod: "EASY_PAY" }));
  expect(response).toMatchObject({ code: "FAILURE_TYPE_PG", message: expect.stringContaining("easyPayProvider") });
  await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(0);
});

function issueRequest(extra: Record<string, unknown> = {}) {
  return {
    storeId: SANDBOX_DEFAULTS.storeId,
    channelKey: SANDBOX_DEFAULTS.channelKey,
    billingKeyMethod: "CARD",
    issueName: "AInfo 자동 충전 카드",
    customer: { customerId: `user-${randomUUID()}`, fullName: "김테스트" },
    ...extra,
  };
}

async function openCardRegistration(page: Page, req: Record<string, unknown>) {
  await page.goto(merchantUrl);
  const result = page.evaluate((r) => (window as unknown as { issue(r: unknown): Promise<unknown> }).issue(r), req);
  const frame = page.frameLocator("iframe[title='PortOne 카드 등록 (샌드박스)']");
  await expect(frame.getByText("5365-10**-****-1234")).toBeVisible();
  return { result, frame };
}

test.describe("requestIssueBillingKey", () => {
  test("registering a card by keyboard resolves with a billing key PortOne shows for that customer", async ({ page }) => {
    const req = issueRequest();
    const { result, frame } = await openCardRegistration(page, req);
    await expect(frame.getByText(req.customer.customerId)).toBeVisible();
    await frame.getByRole("button", { name: "카드 등록", exact: true }).press("Enter");
    const response = (await result) as { transactionType: string; billingKey: string };
    expect(response).toEqual({ transactionType: "ISSUE_BILLING_KEY", billingKey: expect.stringMatching(/^billing-key-/) });
    expect(await portone.billingKey.getBillingKeyInfo({ billingKey: response.billingKey })).toMatchObject({
      status: "ISSUED",
      storeId: SANDBOX_DEFAULTS.storeId,
      customer: { id: req.customer.customerId },
    });
    await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(0);
  });

  test("cancelling resolves with a code and issues nothing", async ({ page }) => {
    const { result, frame } = await openCardRegistration(page, issueRequest());
    await frame.getByRole("button", { name: "취소" }).click();
    const response = (await result) as Record<string, unknown>;
    expect(response).toMatchObject({ transactionType: "ISSUE_BILLING_KEY", code: "FAILURE_TYPE_PG", pgCode: "PAY_PROCESS_CANCELED", message: expect.stringContaining("취소") });
    expect(response.billingKey).toBeUndefined();
  });

  test("a declining test card registers a key whose charges are declined", async ({ page }) => {
    const { result, frame } = await openCardRegistration(page, issueRequest());
    await frame.getByRole("button", { name: "거절되는 테스트 카드 등록" }).click();
    const { billingKey } = (await result) as { billingKey: string };
    await expect(
      portone.payWithBillingKey({ paymentId: `pay-${randomUUID()}`, billingKey, orderName: "자동 충전", amount: { total: 5000 }, currency: "KRW" }),
    ).rejects.toMatchObject({ data: { type: "PG_PROVIDER" } });
  });

  test("a request without a customer id is refused before a window opens", async ({ page }) => {
    await page.goto(merchantUrl);
    const response = await page.evaluate((r) => (window as unknown as { issue(r: unknown): Promise<unknown> }).issue(r), issueRequest({ customer: undefined }));
    expect(response).toMatchObject({ transactionType: "ISSUE_BILLING_KEY", code: "INVALID_REQUEST" });
    await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(0);
  });
});

/** Starts a checkout that will take over the page, without waiting on a promise the navigation ends. */
async function startWithoutWaiting(page: Page, req: ReturnType<typeof request>) {
  await page.goto(merchantUrl);
  await page.evaluate((r) => {
    void (window as unknown as { pay(r: unknown): Promise<unknown> }).pay(r);
  }, req);
}

const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["Pixel 7"];

test.describe("on a phone", () => {
  test.use({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });

  test("the redirect flow takes over the page and returns to redirectUrl with PortOne's query", async ({ page }) => {
    const req = request({ redirectUrl: `${merchantUrl}/return` });
    await startWithoutWaiting(page, req);
    await page.getByRole("button", { name: "결제하기" }).click();
    await expect(page).toHaveURL(/\/return\?/);
    expect(await page.evaluate(() => sessionStorage.getItem("resolved"))).toBe("undefined");
    const query = new URL(page.url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ transactionType: "PAYMENT", txId: expect.any(String), paymentId: req.paymentId });
    expect(await portone.getPayment({ paymentId: req.paymentId })).toMatchObject({ status: "PAID" });
  });

  test("a declined card in the redirect flow returns with code and message", async ({ page }) => {
    const req = request({ redirectUrl: `${merchantUrl}/return` });
    await startWithoutWaiting(page, req);
    await page.getByRole("button", { name: /거절/ }).click();
    await expect(page).toHaveURL(/\/return\?/);
    const query = Object.fromEntries(new URL(page.url()).searchParams);
    expect(query).toMatchObject({ paymentId: req.paymentId, code: "FAILURE_TYPE_PG", message: expect.any(String) });
  });
});
