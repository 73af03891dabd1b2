import { randomUUID } from "node:crypto";
import { PaymentClient } from "@portone/server-sdk";
import { CancelPaymentError, GetPaymentError, PreRegisterPaymentError } from "@portone/server-sdk/payment";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "./defaults";
import { sandboxWithReceiver } from "./test-fixtures";

let world: Awaited<ReturnType<typeof sandboxWithReceiver>>;
beforeAll(async () => {
  world = await sandboxWithReceiver();
});
afterAll(() => world.close());

const newId = () => `pay-${randomUUID()}`;

async function paid(amount = 5000) {
  const paymentId = newId();
  await world.portone.preRegisterPayment({ paymentId, totalAmount: amount, currency: "KRW" });
  expect((await world.control(`/payments/${paymentId}/pay`)).status).toBe(200);
  return paymentId;
}

describe("the official PaymentClient against the sandbox", () => {
  it("pre-registers, then reads the payment READY with the registered amount", async () => {
    const paymentId = newId();
    expect(await world.portone.preRegisterPayment({ paymentId, storeId: SANDBOX_DEFAULTS.storeId, totalAmount: 5000, currency: "KRW" })).toEqual({});
    const payment = await world.portone.getPayment({ paymentId });
    expect(payment).toMatchObject({ status: "READY", id: paymentId, storeId: SANDBOX_DEFAULTS.storeId, currency: "KRW", amount: { total: 5000, paid: 0 } });
  });

  it("reads a paid payment with PortOne's fields", async () => {
    const paymentId = await paid();
    const payment = await world.portone.getPayment({ paymentId });
    if (payment.status !== "PAID") throw new Error(`expected PAID, got ${String(payment.status)}`);
    expect(payment.amount).toEqual({ total: 5000, taxFree: 0, vat: 454, supply: 4546, discount: 0, paid: 5000, cancelled: 0, cancelledTaxFree: 0 });
    expect(payment.version).toBe("V2");
    expect(payment.method?.type).toBe("PaymentMethodCard");
    expect(Date.parse(payment.paidAt)).not.toBeNaN();
    expect(payment.transactionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("links a paid payment's receipt, and has none for a payment never paid", async () => {
    const paymentId = await paid();
    await world.portone.cancelPayment({ paymentId, amount: 2000, reason: "부분 환불" });
    const payment = await world.portone.getPayment({ paymentId });
    if (payment.status !== "PARTIAL_CANCELLED") throw new Error(`expected PARTIAL_CANCELLED, got ${String(payment.status)}`);
    expect(payment.receiptUrl).toBe(`${world.sandbox.url}/receipts/${paymentId}`);
    const receipt = await fetch(payment.receiptUrl!);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await receipt.text();
    for (const text of ["영수증", paymentId, "₩5,000", "₩2,000", "부분 취소"]) expect(html).toContain(text);

    const unpaid = newId();
    await world.portone.preRegisterPayment({ paymentId: unpaid, totalAmount: 1000, currency: "KRW" });
    expect((await fetch(`${world.sandbox.url}/receipts/${unpaid}`)).status).toBe(409);
    expect((await fetch(`${world.sandbox.url}/receipts/${newId()}`)).status).toBe(404);
  });

  it("cancels in part, then in full, with PortOne's cancellation records", async () => {
    const paymentId = await paid();
    const partial = await world.portone.cancelPayment({ paymentId, amount: 2000, reason: "부분 환불", currentCancellableAmount: 5000 });
    expect(partial.cancellation).toMatchObject({ status: "SUCCEEDED", totalAmount: 2000, reason: "부분 환불" });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PARTIAL_CANCELLED", amount: { cancelled: 2000 } });

    await world.portone.cancelPayment({ paymentId, reason: "나머지 환불" });
    const cancelled = await world.portone.getPayment({ paymentId });
    expect(cancelled).toMatchObject({ status: "CANCELLED", amount: { paid: 5000, cancelled: 5000 } });
    if (cancelled.status !== "CANCELLED") throw new Error("not cancelled");
    expect(cancelled.cancellations.map((c) => ("totalAmount" in c ? c.totalAmount : undefined))).toEqual([2000, 3000]);
  });

  it("throws PortOne's typed errors", async () => {
    const unknown = newId();
    await expect(world.portone.getPayment({ paymentId: unknown })).rejects.toSatisfy(
      (e) => e instanceof GetPaymentError && e.data.type === "PAYMENT_NOT_FOUND",
    );

    const stranger = PaymentClient({ secret: "not-the-secret", baseUrl: world.sandbox.url });
    await expect(stranger.getPayment({ paymentId: unknown })).rejects.toSatisfy(
      (e) => e instanceof GetPaymentError && e.data.type === "UNAUTHORIZED",
    );

    const paymentId = await paid();
    await expect(world.portone.preRegisterPayment({ paymentId, totalAmount: 1, currency: "KRW" })).rejects.toSatisfy(
      (e) => e instanceof PreRegisterPaymentError && e.data.type === "ALREADY_PAID",
    );
    await expect(world.portone.cancelPayment({ paymentId, amount: 9999, reason: "too much" })).rejects.toSatisfy(
      (e) => e instanceof CancelPaymentError && e.data.type === "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT",
    );
    await expect(world.portone.cancelPayment({ paymentId, reason: "x", currentCancellableAmount: 1 })).rejects.toSatisfy(
      (e) => e instanceof CancelPaymentError && e.data.type === "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
    );
    await world.portone.cancelPayment({ paymentId, reason: "전액" });
    await expect(world.portone.cancelPayment({ paymentId, reason: "again" })).rejects.toSatisfy(
      (e) => e instanceof CancelPaymentError && e.data.type === "PAYMENT_ALREADY_CANCELLED",
    );

    const ready = newId();
    await world.portone.preRegisterPayment({ paymentId: ready, totalAmount: 1000, currency: "KRW" });
    await expect(world.portone.cancelPayment({ paymentId: ready, reason: "not paid" })).rejects.toSatisfy(
      (e) => e instanceof CancelPaymentError && e.data.type === "PAYMENT_NOT_PAID",
    );
  });

  it("charges a different amount only when the control API asks for it", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 10000, currency: "KRW" });
    await world.control(`/payments/${paymentId}/pay`, { amount: 100 });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID", amount: { total: 100, paid: 100 } });
  });

  it("issues a virtual account, then takes its deposit", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    await world.control(`/payments/${paymentId}/pay`, { method: "VIRTUAL_ACCOUNT" });
    const issued = await world.portone.getPayment({ paymentId });
    expect(issued).toMatchObject({ status: "VIRTUAL_ACCOUNT_ISSUED", method: { type: "PaymentMethodVirtualAccount", bank: "SHINHAN" } });
    await world.control(`/payments/${paymentId}/deposit`);
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
    expect((await world.control(`/payments/${paymentId}/deposit`)).status).toBe(409);
  });

  it("cancels a deposited virtual account only with a refund account, as PortOne does", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    await world.control(`/payments/${paymentId}/pay`, { method: "VIRTUAL_ACCOUNT" });
    await world.control(`/payments/${paymentId}/deposit`);
    await expect(world.portone.cancelPayment({ paymentId, reason: "환불" })).rejects.toMatchObject({
      data: { type: "INVALID_REQUEST", message: expect.stringContaining("환불 계좌") },
    });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
    const { cancellation } = await world.portone.cancelPayment({
      paymentId,
      reason: "환불",
      refundAccount: { bank: "KAKAO", number: "3333012345678", holderName: "홍길동" },
    });
    expect(cancellation).toMatchObject({ status: "SUCCEEDED", totalAmount: 1000 });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "CANCELLED" });
  });

  it("pays by easy pay when the control API says so, and needs the provider for it", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    expect(await world.control(`/payments/${paymentId}/pay`, { method: "EASY_PAY" })).toMatchObject({ status: 400, body: { type: "INVALID_REQUEST" } });
    expect(await world.control(`/payments/${paymentId}/pay`, { method: "EASY_PAY", easyPayProvider: "PAYCOIN" })).toMatchObject({ status: 400 });
    await world.control(`/payments/${paymentId}/pay`, { method: "EASY_PAY", easyPayProvider: "NAVERPAY" });
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID", method: { type: "PaymentMethodEasyPay", provider: "NAVERPAY" } });
  });

  it("fails as told, and answers control errors clearly", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    await world.control(`/payments/${paymentId}/fail`);
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "FAILED", failure: { pgCode: "DECLINED" } });
    expect(await world.control(`/payments/${newId()}/pay`)).toMatchObject({ status: 404, body: { type: "PAYMENT_NOT_FOUND" } });
    expect(await world.control(`/payments/${paymentId}/pay`, { amount: -5 })).toMatchObject({ status: 400, body: { type: "INVALID_REQUEST" } });
  });

  it("parses JSON sent without a Content-Type, as the server SDK sends it", async () => {
    const paymentId = newId();
    const res = await fetch(`${world.sandbox.url}/payments/${paymentId}/pre-register`, {
      method: "POST",
      headers: { authorization: `PortOne ${SANDBOX_DEFAULTS.apiSecret}` },
      body: JSON.stringify({ totalAmount: 1234, currency: "KRW" }),
    });
    expect(res.status).toBe(200);
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ amount: { total: 1234 } });
  });
});

describe("fault injection", () => {
  it("takes the REST API down and brings it back, while the control API keeps working", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    await world.control("/faults", { api: "down" });
    try {
      await expect(world.portone.getPayment({ paymentId })).rejects.toSatisfy(
        (e) => e instanceof GetPaymentError && (e.data as { type: string }).type === "SERVICE_UNAVAILABLE",
      );
      expect((await world.control(`/payments/${paymentId}/pay`)).status).toBe(200);
    } finally {
      await world.control("/faults", { api: "ok" });
    }
    expect(await world.portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
  });

  it("slows the REST API down by the given latency", async () => {
    const paymentId = newId();
    await world.portone.preRegisterPayment({ paymentId, totalAmount: 1000, currency: "KRW" });
    await world.control("/faults", { api: "slow", latencyMs: 300 });
    try {
      const started = Date.now();
      await world.portone.getPayment({ paymentId });
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    } finally {
      await world.control("/faults", { api: "ok" });
    }
  });
});
