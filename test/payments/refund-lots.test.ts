import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditHolds, payments } from "@/db/schema";
import { checkLedger } from "@/lib/credits/check";
import { grantFreeCredits } from "@/lib/credits/grants";
import { releaseHold, reserveCredits } from "@/lib/credits/holds";
import { spendCredits } from "@/lib/credits/spend";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { syncPayment } from "@/lib/payments/sync";
import { callPortOne } from "@/lib/portone/server";
import { asUser, balanceOf, creditedPurchase, ledgerOf, paymentRow, sandbox } from "../support/app";
import { createTestUser } from "../support/factories";
import { debtOf, drawsOf, lotsOf, paymentLots, takenBack } from "../support/lots";
import { readProblem } from "../support/requests";

const everything = { minAgeMs: 0, maxAgeMs: 7 * 24 * 3_600_000, batchSize: 100, maxBatches: 1000, paidRechecks: 0 };

/** What PortOne itself has for the payment: its status and how much it cancelled. */
async function atPortOne(paymentId: string) {
  const payment = (await callPortOne((client) => client.getPayment({ paymentId }))) as {
    status: string;
    amount: { total: number; cancelled: number };
  };
  return { status: payment.status, cancelled: payment.amount.cancelled };
}

/** As if the payment had been paid `days` days ago. */
async function paidDaysAgo(paymentId: string, days: number) {
  await getDb()
    .update(payments)
    .set({ paidAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(payments.id, paymentId));
}

async function chatTimes(userId: string, times: number) {
  for (let i = 0; i < times; i++) expect((await asUser(userId).chat(`질문 ${i}`)).status).toBe(200);
}

async function quoteOf(userId: string, paymentId: string) {
  const res = await asUser(userId).refundQuote(paymentId);
  expect(res.status).toBe(200);
  return res.json();
}

/** A 550 pack of which six chat messages used 60 credits: its 50 bonus credits and 10 paid ones. */
async function partlyUsedPack(options: { otherCredits?: number } = {}) {
  const user = await createTestUser({ credits: options.otherCredits });
  const paymentId = await creditedPurchase(user.id, "credits-550");
  // The other credits last longer than the pack's, so the chat draws the pack's.
  if (options.otherCredits) {
    await getDb().execute(sql`update credit_lots set expires_at = now() + interval '10 years' where user_id = ${user.id} and payment_id is null`);
  }
  await chatTimes(user.id, 6);
  expect(await paymentLots(paymentId)).toEqual({ paid: 490, bonus: 0 });
  return { user, paymentId };
}

describe("cancellations made in PortOne's console take credits back in proportion", () => {
  it("₩2,000 of the ₩5,000 pack takes 220 of its 550 credits, from that payment's own lots", async () => {
    const user = await createTestUser({ credits: 100 });
    const paymentId = await creditedPurchase(user.id, "credits-550");
    const otherLots = (await lotsOf(user.id)).filter((l) => l.paymentId === null);

    await sandbox.cancel(paymentId, { amount: 2000 });
    await syncPayment(paymentId);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PARTIAL_CANCELLED", cancelledAmount: 2000 });
    expect(await balanceOf(user.id)).toBe(430);

    const revoke = (await ledgerOf(user.id)).at(-1)!;
    expect(revoke).toMatchObject({ kind: "revoke", delta: -220, paymentId });
    const paymentLotIds = new Set((await lotsOf(user.id)).filter((l) => l.paymentId === paymentId).map((l) => l.id));
    const draws = await drawsOf(revoke.id);
    expect(draws.every(([lotId]) => paymentLotIds.has(lotId))).toBe(true);
    expect(draws.reduce((sum, [, credits]) => sum + credits, 0)).toBe(220);
    expect(await paymentLots(paymentId)).toEqual({ paid: 330, bonus: 0 });
    // The user's other credits are untouched.
    for (const lot of otherLots) expect((await lotsOf(user.id)).find((l) => l.id === lot.id)!.remaining).toBe(lot.remaining);
  });

  it("a full cancel after 100 were spent leaves a debt of 100 that blocks spending, and the next purchase pays it first", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    await spendCredits({ userId: user.id, amount: 100, idempotencyKey: randomUUID() });

    await sandbox.cancel(paymentId);
    await syncPayment(paymentId);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED" });
    expect(await balanceOf(user.id)).toBe(-100);
    expect(await debtOf(user.id)).toBe(100);
    expect((await lotsOf(user.id)).filter((l) => l.remaining > 0)).toEqual([]);

    const refused = await asUser(user.id).chat("아직 되나요?");
    expect(refused.status).toBe(402);
    expect(await readProblem(refused)).toMatchObject({ code: "INSUFFICIENT_CREDITS" });

    const next = await creditedPurchase(user.id, "credits-550");
    expect(await balanceOf(user.id)).toBe(450);
    expect(await debtOf(user.id)).toBe(0);
    expect((await lotsOf(user.id)).reduce((sum, l) => sum + l.remaining, 0)).toBe(450);
    // The debt was paid from the new purchase's lots, bonus first, as spending would draw them.
    expect(await paymentLots(next)).toEqual({ paid: 450, bonus: 0 });
    expect(await checkLedger()).toEqual([]);
  });
});

describe("a debt is paid by whatever credits come next", () => {
  it("a purchase smaller than the debt goes wholly to it, and an operator's gift pays the rest before it can be spent", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-1200");
    await spendCredits({ userId: user.id, amount: 700, idempotencyKey: randomUUID() });
    await sandbox.cancel(paymentId);
    await syncPayment(paymentId);
    expect(await balanceOf(user.id)).toBe(-700);

    await creditedPurchase(user.id, "credits-550");
    expect(await balanceOf(user.id)).toBe(-150);
    expect(await debtOf(user.id)).toBe(150);
    expect((await lotsOf(user.id)).filter((l) => l.remaining > 0)).toEqual([]);
    expect((await asUser(user.id).chat("되나요?")).status).toBe(402);

    await getDb().transaction((tx) => grantFreeCredits(tx, { userId: user.id, credits: 200, idempotencyKey: "sorry" }));
    expect(await balanceOf(user.id)).toBe(50);
    expect(await debtOf(user.id)).toBe(0);
    expect((await lotsOf(user.id)).reduce((sum, l) => sum + l.remaining, 0)).toBe(50);
    expect((await asUser(user.id).chat("이제 되나요?")).status).toBe(200);
    expect(await checkLedger()).toEqual([]);
  });
});

describe("refunds through the routes take exactly their quote", () => {
  it("within 7 days, after six chat messages (60 credits, 50 of them bonus): ₩4,400, taking the 490 paid credits left, a partial cancel at PortOne, balance 0", async () => {
    const { user, paymentId } = await partlyUsedPack();
    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: true,
      rule: "WITHDRAWAL_7_DAYS",
      amount: 4400,
      paidCredits: 490,
      bonusCredits: 0,
      fee: 0,
    });

    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 4400 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", refundedAmount: 4400, balance: 0 });
    expect((await ledgerOf(user.id)).slice(-3).map((e) => [e.kind, e.delta])).toEqual([
      ["reserve", -490],
      ["release", 490],
      ["revoke", -490],
    ]);
    expect(await atPortOne(paymentId)).toEqual({ status: "PARTIAL_CANCELLED", cancelled: 4400 });
  });

  it("after 8 days: ₩3,960 with a ₩440 fee, and the cancellation takes exactly the 490 paid credits left, not a proportion", async () => {
    const { user, paymentId } = await partlyUsedPack();
    await paidDaysAgo(paymentId, 8);
    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: true,
      rule: "UNUSED_PAID_CREDITS",
      amount: 3960,
      paidCredits: 490,
      bonusCredits: 0,
      fee: 440,
    });

    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 3960 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", refundedAmount: 3960, balance: 0 });
    expect(await takenBack(paymentId)).toBe(490);
    expect(await atPortOne(paymentId)).toEqual({ status: "PARTIAL_CANCELLED", cancelled: 3960 });
  });

  it("an expectedAmount the quote no longer says is 409 QUOTE_CHANGED, and nothing changes: no hold, no ledger rows, no cancel at PortOne", async () => {
    const { user, paymentId } = await partlyUsedPack();
    const before = await ledgerOf(user.id);

    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 5000 });
    expect(res.status).toBe(409);
    expect(await readProblem(res)).toMatchObject({ code: "QUOTE_CHANGED" });

    expect(await ledgerOf(user.id)).toEqual(before);
    expect(await getDb().select().from(creditHolds).where(eq(creditHolds.paymentId, paymentId))).toEqual([]);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", cancelledAmount: 0, refundRequestedAt: null });
    expect(await atPortOne(paymentId)).toEqual({ status: "PAID", cancelled: 0 });
    expect(await balanceOf(user.id)).toBe(490);
  });

  it("an untouched payment within 7 days is cancelled in full: 500 paid credits revoked and 50 bonus voided", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: true,
      rule: "WITHDRAWAL_7_DAYS",
      amount: 5000,
      paidCredits: 500,
      bonusCredits: 50,
      fee: 0,
    });
    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 5000 });
    expect(await res.json()).toEqual({ paymentId, status: "CANCELLED", refundedAmount: 5000, balance: 0 });
    expect((await ledgerOf(user.id)).slice(-2).map((e) => [e.kind, e.delta])).toEqual([
      ["revoke", -500],
      ["void", -50],
    ]);
    expect(await atPortOne(paymentId)).toEqual({ status: "CANCELLED", cancelled: 5000 });
  });

  it("a quote for someone else's payment is 404", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const paymentId = await creditedPurchase(owner.id, "credits-100");
    expect((await asUser(stranger.id).refundQuote(paymentId)).status).toBe(404);
  });

  it("after 366 days nothing is refundable: the quote says why, and a refund is 409 NOT_REFUNDABLE", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    await paidDaysAgo(paymentId, 366);
    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: false,
      rule: "NOT_REFUNDABLE",
      amount: 0,
      paidCredits: 0,
      bonusCredits: 0,
      fee: 0,
      reason: expect.stringMatching(/.+/),
    });
    const res = await asUser(user.id).refund(paymentId);
    expect(res.status).toBe(409);
    expect(await readProblem(res)).toMatchObject({ code: "NOT_REFUNDABLE" });
    expect(await balanceOf(user.id)).toBe(550);
  });

  it("after a console cancel of ₩2,000 took 220 credits, a refund pays ₩2,800 and takes the 330 paid credits left: the whole pack, once", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    await sandbox.cancel(paymentId, { amount: 2000 });
    await syncPayment(paymentId);
    expect(await paymentLots(paymentId)).toEqual({ paid: 330, bonus: 0 });
    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: true,
      rule: "WITHDRAWAL_7_DAYS",
      amount: 2800,
      paidCredits: 330,
      bonusCredits: 0,
      fee: 0,
    });
    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 2800 });
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", refundedAmount: 2800, balance: 0 });
    expect(await takenBack(paymentId)).toBe(550);
    expect(await atPortOne(paymentId)).toEqual({ status: "PARTIAL_CANCELLED", cancelled: 4800 });
  });

  it("the refund's own cancellation, seen again by webhook and reconciliation, takes nothing more", async () => {
    const { user, paymentId } = await partlyUsedPack();
    expect((await asUser(user.id).refund(paymentId, { expectedAmount: 4400 })).status).toBe(200);
    const after = await ledgerOf(user.id);

    await sandbox.waitForDeliveries(paymentId, (ds) =>
      ds.some((d) => d.type === "Transaction.PartialCancelled" || d.type === "Transaction.Cancelled") &&
      ds.every((d) => d.attempts.some((a) => a.status === 200)),
    );
    await reconcilePayments(everything);
    await syncPayment(paymentId);
    expect(await ledgerOf(user.id)).toEqual(after);
    expect(await takenBack(paymentId)).toBe(490);
  });

  it("a console cancellation after a partial refund takes in proportion, never more than the pack", async () => {
    const { user, paymentId } = await partlyUsedPack({ otherCredits: 100 });
    expect((await asUser(user.id).refund(paymentId, { expectedAmount: 4400 })).status).toBe(200);
    expect(await balanceOf(user.id)).toBe(100);

    // The last ₩600 cancelled in the console: the whole ₩5,000 is back, so the whole pack goes, and not a credit more.
    await sandbox.cancel(paymentId, { amount: 600 });
    await syncPayment(paymentId);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED", cancelledAmount: 5000 });
    expect(await takenBack(paymentId)).toBe(550);
    expect(await balanceOf(user.id)).toBe(40);
    expect(await debtOf(user.id)).toBe(0);
    expect(await checkLedger()).toEqual([]);
  });
});

describe("a used bonus counts against what a refund pays for (a refund is never a way to free credits)", () => {
  it("20 answers that spent exactly the 1,200 pack's 200 bonus credits: ₩8,000 back within 7 days, not ₩10,000, and nothing left to repeat it with", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-1200");
    for (let i = 0; i < 20; i++) await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    expect(await paymentLots(paymentId)).toEqual({ paid: 1000, bonus: 0 });

    expect(await quoteOf(user.id, paymentId)).toEqual({
      paymentId,
      refundable: true,
      rule: "WITHDRAWAL_7_DAYS",
      amount: 8000,
      paidCredits: 1000,
      bonusCredits: 0,
      fee: 0,
    });
    const res = await asUser(user.id).refund(paymentId, { expectedAmount: 8000 });
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", refundedAmount: 8000, balance: 0 });
    expect(await atPortOne(paymentId)).toEqual({ status: "PARTIAL_CANCELLED", cancelled: 8000 });
    expect((await quoteOf(user.id, paymentId)).refundable).toBe(false);
  });

  it("answers still being written hold the bonus: the refund pays for the rest only, and stopping them afterwards gives nothing back", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-1200");
    const holds = [];
    for (let i = 0; i < 20; i++) holds.push((await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() })).hold);
    expect(await balanceOf(user.id)).toBe(1000);

    const quote = await quoteOf(user.id, paymentId);
    expect(quote).toMatchObject({ rule: "WITHDRAWAL_7_DAYS", amount: 8000, paidCredits: 1000, bonusCredits: 0 });
    expect((await asUser(user.id).refund(paymentId, { expectedAmount: 8000 })).status).toBe(200);
    expect(await balanceOf(user.id)).toBe(0);

    // The 20 answers are stopped before any text: their credits go back into the refunded payment's bonus lot, and are voided there.
    for (const hold of holds) expect(await releaseHold(hold.id)).toBe(true);
    expect(await balanceOf(user.id)).toBe(0);
    expect(await paymentLots(paymentId)).toEqual({ paid: 0, bonus: 0 });
    expect((await ledgerOf(user.id)).filter((e) => e.kind === "void").map((e) => e.delta)).toEqual(Array(20).fill(-10));
    expect((await asUser(user.id).chat("공짜로 되나요?")).status).toBe(402);
    expect(await checkLedger()).toEqual([]);
  });

  it("a released hold still refills the lots of a payment that was not refunded", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    expect(await releaseHold(hold.id)).toBe(true);
    expect(await paymentLots(paymentId)).toEqual({ paid: 500, bonus: 50 });
    expect(await balanceOf(user.id)).toBe(550);
  });
});
