import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditHolds, paymentRefunds, payments } from "@/db/schema";
import { holdPaymentCredits, releaseStaleHolds } from "@/lib/credits/holds";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, creditedPurchase, eventually, ledgerOf, paymentRow, sandbox } from "../support/app";
import { readProblem } from "../support/requests";

describe("POST /api/payments/{paymentId}/refund", () => {
  it("refunds an untouched payment in full: CANCELLED, paid credits revoked and bonus voided, once", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id);
    const res = await asUser(user.id).refund(paymentId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ paymentId, status: "CANCELLED", refundedAmount: 5000, balance: 0 });
    // The credits are held while PortOne cancels; the hold's release, the revoke and the void commit together.
    expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta, e.balanceAfter])).toEqual([
      ["purchase", 550, 550],
      ["reserve", -550, 0],
      ["release", 550, 550],
      ["revoke", -500, 50],
      ["void", -50, 0],
    ]);
    // The cancellation's webhook arrives later and changes nothing more.
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.type === "Transaction.Cancelled" && d.attempts.some((a) => a.status === 200)));
    expect(await ledgerOf(user.id)).toHaveLength(5);
  });

  it("refuses a second refund with 409 NOT_REFUNDABLE", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    expect((await asUser(user.id).refund(paymentId)).status).toBe(200);
    const again = await asUser(user.id).refund(paymentId);
    expect(again.status).toBe(409);
    expect(await readProblem(again)).toMatchObject({ code: "NOT_REFUNDABLE", contentType: "application/problem+json" });
    expect(await ledgerOf(user.id)).toHaveLength(4);
    expect(await balanceOf(user.id)).toBe(0);
  });

  it("refunds only the unused paid credits of a partly used payment: a partial cancel of ₩900 for 90 credits", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    expect((await asUser(user.id).chat("잔액?")).status).toBe(200);
    const res = await asUser(user.id).refund(paymentId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", refundedAmount: 900, balance: 0 });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PARTIAL_CANCELLED", cancelledAmount: 900 });
    expect((await ledgerOf(user.id)).slice(-3).map((e) => [e.kind, e.delta])).toEqual([
      ["reserve", -90],
      ["release", 90],
      ["revoke", -90],
    ]);
  });

  it("refuses once every paid credit is spent with 409 NOT_REFUNDABLE, changing nothing", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    for (let i = 0; i < 10; i++) expect((await asUser(user.id).chat(`질문 ${i}`)).status).toBe(200);
    const res = await asUser(user.id).refund(paymentId);
    expect(res.status).toBe(409);
    expect(await readProblem(res)).toMatchObject({ code: "NOT_REFUNDABLE" });
    expect(await balanceOf(user.id)).toBe(0);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });
    expect((await sandbox.deliveries(paymentId)).map((d) => d.type)).not.toContain("Transaction.Cancelled");
  });

  it("fails with 502 while PortOne is down, and nothing changes", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id);
    await sandbox.setApi("down");
    try {
      const res = await asUser(user.id).refund(paymentId);
      expect(res.status).toBe(502);
      expect(await readProblem(res)).toMatchObject({ code: "PORTONE_UNAVAILABLE" });
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await balanceOf(user.id)).toBe(550);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });
    expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta])).toEqual([
      ["purchase", 550],
      ["reserve", -550],
      ["release", 550],
    ]);
  });

  it("keeps the credits from being spent while PortOne cancels: a racing chat message gets 402", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    await sandbox.setApi("slow", 1500);
    try {
      const refund = asUser(user.id).refund(paymentId);
      await eventually(() => balanceOf(user.id), (b) => b === 0);
      const chat = await asUser(user.id).chat("환불 중에 써도 되나요?");
      expect(chat.status).toBe(402);
      expect((await refund).status).toBe(200);
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED" });
    expect(await balanceOf(user.id)).toBe(0);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["purchase", "reserve", "release", "revoke"]);
  });

  it("keeps the credits held when PortOne does not answer in time, until the cancellation's webhook settles it", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    // Longer than the app waits for PortOne: the cancel goes through after the app has given up.
    await sandbox.setApi("slow", 11_000);
    let res: Response;
    try {
      res = await asUser(user.id).refund(paymentId);
    } finally {
      await sandbox.setApi("ok");
    }
    expect(res.status).toBe(502);
    expect(await readProblem(res)).toMatchObject({ code: "PORTONE_UNAVAILABLE" });
    expect(await balanceOf(user.id)).toBe(0);
    expect((await asUser(user.id).chat("환불이 됐나요?")).status).toBe(402);

    await eventually(() => paymentRow(paymentId), (p) => p.status === "CANCELLED", 15_000);
    expect(await balanceOf(user.id)).toBe(0);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["purchase", "reserve", "release", "revoke"]);
  }, 40_000);

  it("answers 502 PORTONE_UNAVAILABLE (refused) when PortOne says no, and gives the held credits back", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id);
    // Cancelled in PortOne's console while its webhook is held (and the payment's own webhook already in):
    // our cancellable amount is now stale, and PortOne refuses the refund's cancel.
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.length > 0 && ds.every((d) => d.attempts.some((a) => a.status === 200)));
    await sandbox.pauseWebhooks();
    try {
      await sandbox.cancel(paymentId, { amount: 1000 });
      const res = await asUser(user.id).refund(paymentId);
      expect(res.status).toBe(502);
      expect(await readProblem(res)).toMatchObject({ code: "PORTONE_UNAVAILABLE", outcome: "refused" });
      expect(await balanceOf(user.id)).toBe(550);
      expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta])).toEqual([
        ["purchase", 550],
        ["reserve", -550],
        ["release", 550],
      ]);
      const [refund] = await getDb().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId));
      expect(refund).toMatchObject({ outcome: "refused", cancellationId: null });
    } finally {
      await sandbox.resumeWebhooks();
    }
    // The console cancel, seen at last, takes its proportion (110 of 550) and never matches the refused refund.
    await eventually(() => balanceOf(user.id), (b) => b === 440);
  });

  it("is the owner's only: a stranger gets 404 and the payment stays paid", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const paymentId = await creditedPurchase(owner.id, "credits-100");
    expect((await asUser(stranger.id).refund(paymentId)).status).toBe(404);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });
  });
});

const everything = { minAgeMs: 0, maxAgeMs: 7 * 24 * 3_600_000, batchSize: 100, maxBatches: 1000, paidRechecks: 0 };

/** As if the payment's refund holds had been taken `minutes` ago. */
async function ageRefundHolds(paymentId: string, minutes: number) {
  await getDb()
    .update(creditHolds)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(and(eq(creditHolds.paymentId, paymentId), eq(creditHolds.status, "held")));
}

/** The refund's credits are out of reach: the balance does not hold them and the chat cannot spend them. */
async function expectCreditsHeld(userId: string) {
  expect(await balanceOf(userId)).toBe(0);
  expect((await asUser(userId).chat("환불이 됐나요?")).status).toBe(402);
}

/** PortOne's cancellation settled the hold: released and revoked together, nothing left to spend. */
async function expectSettledByRevoke(userId: string) {
  expect(await balanceOf(userId)).toBe(0);
  expect((await ledgerOf(userId)).map((e) => e.kind)).toEqual(["purchase", "reserve", "release", "revoke"]);
}

describe("a refund whose outcome is unknown never leaves usable credits", () => {
  afterEach(async () => {
    await sandbox.setApi("ok");
    await sandbox.resumeWebhooks();
  });

  it("PortOne answers too late and the cancellation's webhook is lost: the credits stay held, however old, until reconciliation sees the cancel", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    await sandbox.pauseWebhooks();
    await sandbox.setApi("slow", 11_000);
    const res = await asUser(user.id).refund(paymentId);
    await sandbox.setApi("ok");
    expect(res.status).toBe(502);
    expect(await readProblem(res)).toMatchObject({ code: "PORTONE_UNAVAILABLE", outcome: "unknown", detail: expect.stringContaining("not confirmed") });

    // PortOne finishes the cancel after the app gave up; its webhook is held back.
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.type === "Transaction.Cancelled"), 5_000);
    // Hours later, no age alone gives the credits back.
    await ageRefundHolds(paymentId, 180);
    expect(await releaseStaleHolds(0)).toBe(0);
    await expectCreditsHeld(user.id);

    const report = await reconcilePayments(everything);
    expect(report.changed).toContainEqual({ paymentId, from: "PAID", to: "CANCELLED", granted: false });
    await expectSettledByRevoke(user.id);
  }, 40_000);

  it("a cancel that went through but could not be read back keeps the hold until the cancellation is seen", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    await sandbox.setApi("down", undefined, ["GET"]);
    const res = await asUser(user.id).refund(paymentId);
    expect(res.status).toBe(502);
    expect(await readProblem(res)).toMatchObject({ code: "PORTONE_UNAVAILABLE", outcome: "unknown" });
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["purchase", "reserve"]);
    await expectCreditsHeld(user.id);

    await sandbox.setApi("ok");
    // The cancellation's webhook, retried while PortOne could not be read, settles it.
    await eventually(() => paymentRow(paymentId), (p) => p.status === "CANCELLED", 15_000);
    await expectSettledByRevoke(user.id);
  }, 30_000);

  it("a refund that never reached PortOne gives its credits back only once PortOne shows no cancel and the answer window has passed", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    // What a refund leaves behind when its cancel request was lost on the way: a hold, and nothing at PortOne.
    await getDb().transaction((tx) =>
      holdPaymentCredits(tx, { userId: user.id, paymentId, paidCredits: 100, bonusCredits: 0, idempotencyKey: `refund:${paymentId}:lost` }),
    );
    await getDb().update(payments).set({ refundRequestedAt: sql`now()` }).where(eq(payments.id, paymentId));

    // PortOne could still be working on a cancel sent a minute ago.
    await ageRefundHolds(paymentId, 1);
    await reconcilePayments(everything);
    expect(await balanceOf(user.id)).toBe(0);

    await ageRefundHolds(paymentId, 11);
    await reconcilePayments(everything);
    expect(await balanceOf(user.id)).toBe(100);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["purchase", "reserve", "release"]);
    // And the refund can be asked for again.
    expect((await asUser(user.id).refund(paymentId)).status).toBe(200);
    expect(await balanceOf(user.id)).toBe(0);
  });
});

describe("cancellations made in PortOne's console arrive by webhook", () => {
  it("after the credits were spent, the balance goes negative and chat answers 402 until a new purchase", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-100");
    for (let i = 0; i < 3; i++) expect((await asUser(user.id).chat(`질문 ${i}`)).status).toBe(200);
    expect(await balanceOf(user.id)).toBe(70);

    await sandbox.cancel(paymentId);
    await eventually(() => balanceOf(user.id), (b) => b === -30);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED" });

    const refused = await asUser(user.id).chat("아직 되나요?");
    expect(refused.status).toBe(402);
    expect(await readProblem(refused)).toMatchObject({ code: "INSUFFICIENT_CREDITS", balance: -30 });

    await creditedPurchase(user.id, "credits-100");
    expect(await balanceOf(user.id)).toBe(70);
    expect((await asUser(user.id).chat("이제 되나요?")).status).toBe(200);
  });

  it("a partial cancel of 2,000 of a 5,000 payment revokes 220 of 550 credits, and a second the rest", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");

    await sandbox.cancel(paymentId, { amount: 2000 });
    await eventually(() => balanceOf(user.id), (b) => b === 330);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PARTIAL_CANCELLED", cancelledAmount: 2000 });

    await sandbox.cancel(paymentId, { amount: 3000 });
    await eventually(() => balanceOf(user.id), (b) => b === 0);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED", cancelledAmount: 5000 });
    expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta])).toEqual([
      ["purchase", 550],
      ["revoke", -220],
      ["revoke", -330],
    ]);
  });
});
