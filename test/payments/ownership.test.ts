import { describe, expect, it } from "vitest";
import { createTestUser } from "../support/factories";
import { config } from "@/lib/env";
import { asUser, balanceOf, creditedPurchase, eventually, ledgerOf, paymentRow, sandbox } from "../support/app";
import { readProblem } from "../support/requests";

describe("a payment belongs to the person who ordered it", () => {
  it("another user's complete or GET is a 404, and grants them nothing", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const { paymentId } = await asUser(owner.id).orderPack("credits-550");
    await sandbox.pay(paymentId);

    const complete = await asUser(stranger.id).complete(paymentId);
    expect(complete.status).toBe(404);
    expect(await readProblem(complete)).toMatchObject({ code: "PAYMENT_NOT_FOUND", contentType: "application/problem+json" });
    expect((await asUser(stranger.id).get(paymentId)).status).toBe(404);
    const missing = await asUser(stranger.id).complete("pay-does-not-exist");
    expect(await readProblem(missing)).toMatchObject({ status: 404, code: "PAYMENT_NOT_FOUND" });

    await eventually(() => balanceOf(owner.id), (b) => b === 550);
    expect(await balanceOf(stranger.id)).toBe(0);
    expect(await ledgerOf(stranger.id)).toEqual([]);
    expect(await (await asUser(stranger.id).list()).json()).toEqual([]);
  });

  it("lists and shows the owner's own payments, newest first", async () => {
    const owner = await createTestUser();
    const first = await asUser(owner.id).orderPack("credits-100");
    const second = await asUser(owner.id).orderPack("credits-1200");
    const list = (await (await asUser(owner.id).list()).json()) as Array<{ paymentId: string }>;
    expect(list.map((p) => p.paymentId)).toEqual([second.paymentId, first.paymentId]);

    const one = await (await asUser(owner.id).get(first.paymentId)).json();
    expect(one).toEqual({
      paymentId: first.paymentId,
      packId: "credits-100",
      orderName: "AInfo 100 크레딧",
      amount: 1000,
      currency: "KRW",
      status: "PENDING",
      credits: 100,
      creditsGranted: false,
      createdAt: expect.any(String),
      paidAt: null,
      payMethod: "CARD",
      easyPayProvider: null,
      trigger: "CHECKOUT",
      cancelledAmount: 0,
      receiptUrl: null,
      refundPending: false,
      refundAccountRequired: false,
      virtualAccount: null,
    });
  });

  it("complete asks PortOne again about a failed payment: a retry under the same paymentId is credited", async () => {
    const owner = await createTestUser();
    const { paymentId } = await asUser(owner.id).orderPack("credits-100");
    await sandbox.pauseWebhooks();
    try {
      await sandbox.fail(paymentId);
      expect(await (await asUser(owner.id).complete(paymentId)).json()).toMatchObject({ status: "FAILED", creditsGranted: false });
      await sandbox.pay(paymentId);
      expect(await (await asUser(owner.id).complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    } finally {
      await sandbox.resumeWebhooks();
    }
  });

  it("links the receipt PortOne gives for a paid payment", async () => {
    const owner = await createTestUser();
    const paymentId = await creditedPurchase(owner.id, "credits-100");
    const view = (await (await asUser(owner.id).get(paymentId)).json()) as { receiptUrl: string };
    expect(view.receiptUrl).toBe(`${config().portone.apiBaseUrl}/receipts/${paymentId}`);
    const receipt = await fetch(view.receiptUrl);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain("₩1,000");
  });

  it("a checkout paid with a different amount ends AMOUNT_MISMATCH with no credit", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-1200");
    await sandbox.pay(paymentId, { amount: 1000 });

    const res = await asUser(user.id).complete(paymentId);
    expect(await res.json()).toEqual({ paymentId, status: "AMOUNT_MISMATCH", credits: 1200, creditsGranted: false, balance: 0 });
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.attempts.some((a) => a.status === 200)));
    expect(await paymentRow(paymentId)).toMatchObject({ status: "AMOUNT_MISMATCH", creditedAt: null });
    expect(await balanceOf(user.id)).toBe(0);
    expect(await ledgerOf(user.id)).toEqual([]);
  });
});
