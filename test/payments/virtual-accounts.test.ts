import { describe, expect, it } from "vitest";
import { POST as adminRefund } from "@/app/api/admin/payments/[paymentId]/refund/route";
import { createTestOperator, createTestUser } from "../support/factories";
import { asUser, balanceOf, eventually, ledgerOf, paymentRow, sandbox } from "../support/app";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

describe("virtual accounts", () => {
  it("an issued account grants nothing and shows where to pay; the deposit grants once, even if its webhook repeats", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const res = await as.order({ packId: "credits-550", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" });
    const order = await res.json();
    expect(order).toMatchObject({ payMethod: "VIRTUAL_ACCOUNT", virtualAccount: { accountExpiry: { validHours: 24 } } });

    await sandbox.pay(order.paymentId, { method: "VIRTUAL_ACCOUNT" });
    const issued = await (await as.complete(order.paymentId)).json();
    expect(issued).toMatchObject({ status: "VIRTUAL_ACCOUNT_ISSUED", creditsGranted: false, balance: 0 });
    const view = await (await as.get(order.paymentId)).json();
    expect(view.virtualAccount).toEqual({ bank: expect.any(String), accountNumber: expect.any(String), expiresAt: expect.any(String) });

    await sandbox.deposit(order.paymentId);
    await eventually(() => balanceOf(user.id), (b) => b === 550);
    const deliveries = await sandbox.waitForDeliveries(order.paymentId, (ds) =>
      ds.some((d) => d.type === "Transaction.Paid" && d.attempts.some((a) => a.status === 200)),
    );
    const paid = deliveries.find((d) => d.type === "Transaction.Paid")!;
    await sandbox.redeliver(paid.webhookId);
    await sandbox.redeliver(paid.webhookId);
    await sandbox.waitForDeliveries(order.paymentId, (ds) =>
      ds.filter((d) => d.webhookId === paid.webhookId).flatMap((d) => d.attempts).filter((a) => a.status === 200).length >= 3,
    );
    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
    expect((await as.get(order.paymentId).then((r) => r.json())).virtualAccount).toBeNull();
  });

  it("an account that fails or expires ends FAILED with no credit", async () => {
    const user = await createTestUser();
    const { paymentId } = await (await asUser(user.id).order({ packId: "credits-100", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" })).json();
    await sandbox.pay(paymentId, { method: "VIRTUAL_ACCOUNT" });
    await sandbox.fail(paymentId);
    await eventually(() => paymentRow(paymentId), (p) => p.status === "FAILED");
    expect(await balanceOf(user.id)).toBe(0);
  });
});

describe("refunds of a virtual-account payment go to a bank account", () => {
  async function depositedPayment(userId: string) {
    const as = asUser(userId);
    const { paymentId } = await (await as.order({ packId: "credits-550", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" })).json();
    await sandbox.pay(paymentId, { method: "VIRTUAL_ACCOUNT" });
    await as.complete(paymentId);
    await sandbox.deposit(paymentId);
    await eventually(() => balanceOf(userId), (b) => b === 550);
    return paymentId as string;
  }

  it("without refundAccount the refund is 400 REFUND_ACCOUNT_REQUIRED and nothing is held or cancelled; with it, PortOne cancels", async () => {
    const user = await createTestUser();
    const paymentId = await depositedPayment(user.id);
    const as = asUser(user.id);
    expect(await (await as.get(paymentId)).json()).toMatchObject({ refundAccountRequired: true });

    const refused = await as.refund(paymentId, { expectedAmount: 5000 });
    expect(refused.status).toBe(400);
    expect(await readProblem(refused)).toMatchObject({ code: "REFUND_ACCOUNT_REQUIRED" });
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["purchase"]);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", refundRequestedAt: null });

    const bad = await as.refund(paymentId, { expectedAmount: 5000, refundAccount: { bank: "NOT_A_BANK", number: "12", holderName: "" } });
    expect(bad.status).toBe(400);
    expect(await readProblem(bad)).toMatchObject({ code: "INVALID_INPUT" });

    const res = await as.refund(paymentId, { expectedAmount: 5000, refundAccount: { bank: "KAKAO", number: "3333-01-2345678", holderName: "홍길동" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "CANCELLED", refundedAmount: 5000, balance: 0 });
  });

  it("an operator's cancel of one needs the account too", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    const paymentId = await depositedPayment(user.id);
    const cancel = async (body: unknown) =>
      adminRefund(
        jsonRequest(`/api/admin/payments/${paymentId}/refund`, { method: "POST", body, cookie: await sessionCookie(operator.id) }),
        { params: Promise.resolve({ paymentId }) },
      );
    const refused = await cancel({ reason: "입금 후 환불 요청" });
    expect(await readProblem(refused)).toMatchObject({ status: 400, code: "REFUND_ACCOUNT_REQUIRED" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", operatorCancelRequestedAt: null });

    const res = await cancel({ reason: "입금 후 환불 요청", refundAccount: { bank: "SHINHAN", number: "110123456789", holderName: "홍길동" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "CANCELLED", creditsRevoked: 550, balance: 0 });
  });
});
