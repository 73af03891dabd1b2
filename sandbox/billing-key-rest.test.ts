import { randomUUID } from "node:crypto";
import { PaymentClient, PortOneError } from "@portone/server-sdk";
import { GetPaymentError, PayWithBillingKeyError } from "@portone/server-sdk/payment";
import { DeleteBillingKeyError, GetBillingKeyInfoError } from "@portone/server-sdk/payment/billingKey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "./defaults";
import { sandboxWithReceiver, until } from "./test-fixtures";

let world: Awaited<ReturnType<typeof sandboxWithReceiver>>;
beforeAll(async () => {
  world = await sandboxWithReceiver();
});
afterAll(() => world.close());

const newPaymentId = () => `pay-${randomUUID()}`;
const newCustomerId = () => `user-${randomUUID()}`;

function charge(billingKey: string, paymentId = newPaymentId(), total = 5000) {
  return world.portone.payWithBillingKey({ paymentId, billingKey, orderName: "AInfo 자동 충전", amount: { total }, currency: "KRW" });
}

const paidEvents = async (paymentId: string) => (await world.deliveries(paymentId)).filter((d) => d.type === "Transaction.Paid");

describe("billing keys through the official BillingKeyClient", () => {
  it("shows a registered card as ISSUED, for its store and its customer", async () => {
    const customerId = newCustomerId();
    const billingKey = await world.issueBillingKey(customerId);
    const info = await world.portone.billingKey.getBillingKeyInfo({ billingKey, storeId: SANDBOX_DEFAULTS.storeId });
    expect(info).toMatchObject({
      status: "ISSUED",
      billingKey,
      storeId: SANDBOX_DEFAULTS.storeId,
      customer: { id: customerId },
      methods: [{ type: "BillingKeyPaymentMethodCard", card: { number: "5365-10**-****-1234", type: "CREDIT" } }],
      channels: [{ type: "TEST", pgProvider: "TOSSPAYMENTS" }],
    });
    if (info.status !== "ISSUED") throw new Error(`expected ISSUED, got ${String(info.status)}`);
    expect(Date.parse(info.issuedAt)).not.toBeNaN();
  });

  it("answers an unknown key, another store and a wrong secret with PortOne's error types", async () => {
    await expect(world.portone.billingKey.getBillingKeyInfo({ billingKey: `billing-key-${randomUUID()}` })).rejects.toSatisfy(
      (e) => e instanceof GetBillingKeyInfoError && e.data.type === "BILLING_KEY_NOT_FOUND",
    );
    const billingKey = await world.issueBillingKey(newCustomerId());
    await expect(world.portone.billingKey.getBillingKeyInfo({ billingKey, storeId: "store-of-someone-else" })).rejects.toSatisfy(
      (e) => e instanceof GetBillingKeyInfoError && e.data.type === "FORBIDDEN",
    );
    const stranger = PaymentClient({ secret: "not-the-secret", baseUrl: world.sandbox.url });
    await expect(stranger.billingKey.getBillingKeyInfo({ billingKey })).rejects.toSatisfy(
      (e) => e instanceof GetBillingKeyInfoError && e.data.type === "UNAUTHORIZED",
    );
  });

  it("deletes a key once: then DELETED with deletedAt, and BILLING_KEY_ALREADY_DELETED", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    const { deletedAt } = await world.portone.billingKey.deleteBillingKey({ billingKey });
    expect(await world.portone.billingKey.getBillingKeyInfo({ billingKey })).toMatchObject({ status: "DELETED", billingKey, deletedAt });
    await expect(world.portone.billingKey.deleteBillingKey({ billingKey })).rejects.toSatisfy(
      (e) => e instanceof DeleteBillingKeyError && e.data.type === "BILLING_KEY_ALREADY_DELETED",
    );
    await expect(world.portone.billingKey.deleteBillingKey({ billingKey: `billing-key-${randomUUID()}` })).rejects.toSatisfy(
      (e) => e instanceof DeleteBillingKeyError && e.data.type === "BILLING_KEY_NOT_FOUND",
    );
  });
});

describe("payWithBillingKey", () => {
  it("charges the card: PAID, with the key, the card and an API origin, and one Transaction.Paid", async () => {
    const customerId = newCustomerId();
    const billingKey = await world.issueBillingKey(customerId);
    const paymentId = newPaymentId();
    const { payment: summary } = await charge(billingKey, paymentId, 11000);
    const payment = await world.portone.getPayment({ paymentId });
    if (payment.status !== "PAID") throw new Error(`expected PAID, got ${String(payment.status)}`);
    expect(payment).toMatchObject({
      billingKey,
      pgTxId: summary.pgTxId,
      paidAt: summary.paidAt,
      orderName: "AInfo 자동 충전",
      amount: { total: 11000, paid: 11000 },
      customer: { id: customerId },
      method: { type: "PaymentMethodCard", card: { number: "5365-10**-****-1234" } },
    });
    expect((payment as { origin?: { platformType: string } }).origin?.platformType).toBe("API");
    await until(() => paidEvents(paymentId), (ds) => ds.length === 1);
  });

  it("never charges the same paymentId twice: a resend is ALREADY_PAID", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    const paymentId = newPaymentId();
    await charge(billingKey, paymentId);
    await expect(charge(billingKey, paymentId)).rejects.toSatisfy((e) => e instanceof PayWithBillingKeyError && e.data.type === "ALREADY_PAID");
    await new Promise((r) => setTimeout(r, 50));
    expect(await paidEvents(paymentId)).toHaveLength(1);
  });

  it("declines the next charge only when told: PG_PROVIDER with pgCode, the payment FAILED, then the card works again", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    expect(await world.control(`/billing-keys/${billingKey}/next`, { outcome: "declined" })).toEqual({
      status: 200,
      body: { billingKey, nextOutcome: "declined" },
    });
    const paymentId = newPaymentId();
    const error = await charge(billingKey, paymentId).catch((e: unknown) => e);
    if (!(error instanceof PayWithBillingKeyError) || error.data.type !== "PG_PROVIDER") throw new Error(`expected PG_PROVIDER, got ${String(error)}`);
    expect(error.data).toMatchObject({ pgCode: "REJECT_CARD_COMPANY", pgMessage: expect.any(String) });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "FAILED", billingKey, failure: { pgCode: "REJECT_CARD_COMPANY" } });
    await until(() => world.deliveries(paymentId), (ds) => ds.some((d) => d.type === "Transaction.Failed"));

    await charge(billingKey, paymentId);
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
  });

  it("declines every charge of a card registered as declining", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId(), { declining: true });
    await world.control(`/billing-keys/${billingKey}/next`, { outcome: "paid" });
    for (let i = 0; i < 2; i++) {
      await expect(charge(billingKey)).rejects.toSatisfy((e) => e instanceof PayWithBillingKeyError && e.data.type === "PG_PROVIDER");
    }
  });

  it("on a timeout, charges but never answers: the client sees a network error, GET shows PAID, a resend is ALREADY_PAID", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    await world.control(`/billing-keys/${billingKey}/next`, { outcome: "timeout" });
    const paymentId = newPaymentId();
    const error = await charge(billingKey, paymentId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(PortOneError);
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID", billingKey });
    await expect(charge(billingKey, paymentId)).rejects.toSatisfy((e) => e instanceof PayWithBillingKeyError && e.data.type === "ALREADY_PAID");
    await until(() => paidEvents(paymentId), (ds) => ds.length === 1);
  });

  it("refuses another amount than pre-registered before using up the key's next outcome", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    await world.control(`/billing-keys/${billingKey}/next`, { outcome: "declined" });
    const paymentId = newPaymentId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 5000, currency: "KRW" });
    await expect(charge(billingKey, paymentId, 100)).rejects.toSatisfy(
      (e) => e instanceof PayWithBillingKeyError && e.data.type === "INVALID_REQUEST" && String(e.data.message).includes("사전 등록"),
    );
    await expect(charge(billingKey, paymentId, 5000)).rejects.toSatisfy((e) => e instanceof PayWithBillingKeyError && e.data.type === "PG_PROVIDER");
  });

  it("refuses a deleted key, an unknown key and a malformed request", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    await world.portone.billingKey.deleteBillingKey({ billingKey });
    await expect(charge(billingKey)).rejects.toSatisfy((e) => e instanceof PayWithBillingKeyError && e.data.type === "BILLING_KEY_ALREADY_DELETED");
    await expect(charge(`billing-key-${randomUUID()}`)).rejects.toSatisfy(
      (e) => e instanceof PayWithBillingKeyError && e.data.type === "BILLING_KEY_NOT_FOUND",
    );
    const paymentId = newPaymentId();
    await expect(charge(await world.issueBillingKey(newCustomerId()), paymentId, -1)).rejects.toSatisfy(
      (e) => e instanceof PayWithBillingKeyError && e.data.type === "INVALID_REQUEST",
    );
    await expect(world.portone.getPayment({ paymentId })).rejects.toBeInstanceOf(GetPaymentError);
  });

  it("is subject to injected faults like the payment API", async () => {
    const billingKey = await world.issueBillingKey(newCustomerId());
    await world.control("/faults", { api: "down", methods: ["POST"] });
    try {
      await expect(charge(billingKey)).rejects.toSatisfy(
        (e) => e instanceof PayWithBillingKeyError && (e.data as { type: string }).type === "SERVICE_UNAVAILABLE",
      );
      expect(await world.portone.billingKey.getBillingKeyInfo({ billingKey })).toMatchObject({ status: "ISSUED" });
    } finally {
      await world.control("/faults", { api: "ok" });
    }
  });
});

describe("billing-key control endpoints", () => {
  it("refuse unknown keys and malformed bodies, and reset forgets every key", async () => {
    expect(await world.control(`/billing-keys/billing-key-${randomUUID()}/next`, { outcome: "paid" })).toMatchObject({
      status: 404,
      body: { type: "BILLING_KEY_NOT_FOUND" },
    });
    const billingKey = await world.issueBillingKey(newCustomerId());
    expect(await world.control(`/billing-keys/${billingKey}/next`, { outcome: "lost" })).toMatchObject({ status: 400 });
    expect(await world.control("/billing-keys", {})).toMatchObject({ status: 400, body: { type: "INVALID_REQUEST" } });
    await world.control("/reset");
    await expect(world.portone.billingKey.getBillingKeyInfo({ billingKey })).rejects.toSatisfy(
      (e) => e instanceof GetBillingKeyInfoError && e.data.type === "BILLING_KEY_NOT_FOUND",
    );
  });
});
