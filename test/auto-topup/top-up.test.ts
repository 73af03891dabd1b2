import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { topUpAfterSpend } from "@/lib/auto-topup/after-spend";
import { chargeAutoTopUp } from "@/lib/auto-topup/charge";
import { requestAutoTopUp } from "@/lib/auto-topup/trigger";
import { spendCredits } from "@/lib/credits/spend";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { asUser, balanceOf, eventually, paymentRow, sandbox } from "../support/app";
import { autoTopUpAs, autoTopUpView, enableAutoTopUp, portone, topUpsOf } from "../support/auto-topup";
import { createTestUser } from "../support/factories";

const reconcileNow = { minAgeMs: 0, maxAgeMs: 7 * 24 * 3_600_000, batchSize: 100, maxBatches: 100, paidRechecks: 0 };

afterEach(async () => {
  await sandbox.resumeWebhooks();
  await sandbox.setApi("ok");
});

/** A spend as the chat makes one, with the top-up's charge collected instead of run after a response. */
async function spendAndCollect(userId: string, amount: number, deferred: Array<() => Promise<unknown>>) {
  await spendCredits({ userId, amount, idempotencyKey: randomUUID() });
  await topUpAfterSpend(userId, (task) => deferred.push(task));
}

async function spendAndCharge(userId: string, amount: number) {
  const deferred: Array<() => Promise<unknown>> = [];
  await spendAndCollect(userId, amount, deferred);
  return Promise.all(deferred.map((task) => task()));
}

/** Moves the user's top-ups back in time, past the cooldown. */
async function ageTopUps(userId: string, minutes: number) {
  await getDb()
    .update(payments)
    .set({ createdAt: sql`created_at - make_interval(mins => ${minutes})` })
    .where(eq(payments.userId, userId));
}

const settled = (p: { status: string }) => p.status !== "PENDING";

describe("auto top-up", () => {
  it("50 concurrent spends that cross the threshold make exactly one charge, credited once", async () => {
    const user = await createTestUser({ credits: 600 });
    await enableAutoTopUp(user.id, { packId: "credits-100", threshold: 200 });
    const deferred: Array<() => Promise<unknown>> = [];
    await Promise.all(Array.from({ length: 50 }, () => spendAndCollect(user.id, 10, deferred)));
    expect(deferred).toHaveLength(1);
    // Every sender at once, as if several instances ran it: the claim lets one through.
    await Promise.all([...deferred, ...deferred].map((task) => task()));

    const [topUp, ...others] = await topUpsOf(user.id);
    expect(others).toHaveLength(0);
    expect(topUp).toMatchObject({ status: "PAID", amount: 1_000, credits: 100 });
    expect(topUp!.creditedAt).not.toBeNull();
    expect(await balanceOf(user.id)).toBe(600 - 500 + 100);
    const atPortOne = await portone.getPayment({ paymentId: topUp!.id });
    expect(atPortOne).toMatchObject({ status: "PAID", amount: expect.objectContaining({ total: 1_000 }) });
    const paidWebhooks = await sandbox.waitForDeliveries(topUp!.id, (d) => d.some((w) => w.type === "Transaction.Paid"));
    expect(paidWebhooks.filter((w) => w.type === "Transaction.Paid")).toHaveLength(1);
  });

  it("records nothing while the balance stays at or above the threshold", async () => {
    const user = await createTestUser({ credits: 100 });
    await enableAutoTopUp(user.id, { threshold: 50 });
    await spendAndCharge(user.id, 50);
    expect(await topUpsOf(user.id)).toHaveLength(0);
    await spendAndCharge(user.id, 10);
    expect(await topUpsOf(user.id)).toHaveLength(1);
  });

  it("waits out the cooldown before a second top-up", async () => {
    const user = await createTestUser({ credits: 60 });
    // Still below the threshold after one top-up: only the cooldown stands between it and the next.
    await enableAutoTopUp(user.id, { packId: "credits-100", threshold: 300 });
    await spendAndCharge(user.id, 10);
    await eventually(() => topUpsOf(user.id), (t) => t.length === 1 && settled(t[0]!));
    await spendAndCharge(user.id, 10);
    expect(await topUpsOf(user.id)).toHaveLength(1);

    await ageTopUps(user.id, 11);
    await spendAndCharge(user.id, 10);
    expect((await topUpsOf(user.id)).map((t) => t.status)).toEqual(["PAID", "PAID"]);
    expect(await balanceOf(user.id)).toBe(60 - 30 + 200);
  });

  it("holds the monthly cap across rounds of concurrent triggers, top-ups in flight included", async () => {
    const user = await createTestUser({ credits: 20 });
    await enableAutoTopUp(user.id, { packId: "credits-550", threshold: 10_000, monthlyCapKrw: 10_000 });
    for (let round = 0; round < 3; round++) {
      const recorded = await Promise.all(Array.from({ length: 10 }, () => requestAutoTopUp(user.id)));
      expect(recorded.filter(Boolean).length).toBeLessThanOrEqual(1);
      await Promise.all(recorded.filter((id): id is string => id !== undefined).map((id) => chargeAutoTopUp(id)));
      await ageTopUps(user.id, 11);
    }
    const topUps = await topUpsOf(user.id);
    expect(topUps.map((t) => [t.status, t.amount])).toEqual([
      ["PAID", 5_000],
      ["PAID", 5_000],
    ]);
    expect((await autoTopUpView(user.id)).monthChargedKrw).toBe(10_000);
  });

  it("a decline turns auto top-up off, deletes the card at PortOne, and grants nothing", async () => {
    const user = await createTestUser({ credits: 60 });
    const billingKey = await enableAutoTopUp(user.id, { threshold: 100 });
    await sandbox.nextCharge(billingKey, "declined");
    await spendAndCharge(user.id, 10);

    const [topUp] = await topUpsOf(user.id);
    expect(topUp).toMatchObject({ status: "FAILED", creditedAt: null });
    expect(await balanceOf(user.id)).toBe(50);
    const view = await autoTopUpView(user.id);
    expect(view).toMatchObject({ enabled: false, card: null, disabledReason: "CARD_DECLINED" });
    await eventually(
      () => portone.billingKey.getBillingKeyInfo({ billingKey }),
      (info) => info.status === "DELETED",
    );
    // Nothing charges after the decline, however much is spent.
    await spendAndCharge(user.id, 10);
    expect(await topUpsOf(user.id)).toHaveLength(1);
  });

  it("a decline of the old card that arrives after a new card was registered leaves the new card and auto top-up alone", async () => {
    const user = await createTestUser({ credits: 60 });
    const oldKey = await enableAutoTopUp(user.id, { threshold: 100, declining: true });
    await sandbox.pauseWebhooks();
    await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    const paymentId = (await requestAutoTopUp(user.id))!;
    // The charge went out on the old card and PortOne declined it, but its answer never came back: the top-up waits, sent.
    await getDb().update(payments).set({ chargeSentAt: sql`now()` }).where(eq(payments.id, paymentId));
    await expect(
      portone.payWithBillingKey({ paymentId, billingKey: oldKey, orderName: "AInfo 100 크레딧", customer: { id: user.id }, amount: { total: 1000 }, currency: "KRW" }),
    ).rejects.toMatchObject({ data: { type: "PG_PROVIDER" } });

    // Meanwhile the person registers a good card.
    const { billingKey: newKey } = await sandbox.registerCard(user.id);
    expect((await autoTopUpAs(user.id).registerCard(newKey)).status).toBe(200);

    // The decline is learnt late (reconciliation, or its webhook).
    await reconcilePayments(reconcileNow);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "FAILED", creditedAt: null });
    expect(await autoTopUpView(user.id)).toMatchObject({ enabled: true, disabledReason: null, card: expect.objectContaining({ registeredAt: expect.any(String) }) });
    expect((await portone.billingKey.getBillingKeyInfo({ billingKey: newKey })).status).toBe("ISSUED");
  });

  it("turning it off while a top-up waits to be sent withdraws it: PortOne never sees it", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { threshold: 100 });
    await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    const paymentId = await requestAutoTopUp(user.id);
    expect(paymentId).toBeDefined();

    const off = await autoTopUpAs(user.id).put({ enabled: false, packId: "credits-100", threshold: 100, monthlyCapKrw: 30_000 });
    expect(off.status).toBe(200);
    expect(await paymentRow(paymentId!)).toMatchObject({ status: "FAILED", chargeSentAt: null });
    expect(await chargeAutoTopUp(paymentId!)).toBe("not-due");
    await expect(portone.getPayment({ paymentId: paymentId! })).rejects.toMatchObject({ data: { type: "PAYMENT_NOT_FOUND" } });
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("an answer PortOne never gave is settled by reconciliation syncing the same paymentId, once", async () => {
    const user = await createTestUser({ credits: 60 });
    const billingKey = await enableAutoTopUp(user.id, { threshold: 100 });
    await sandbox.pauseWebhooks();
    await sandbox.nextCharge(billingKey, "timeout");
    const outcomes = await spendAndCharge(user.id, 10);
    expect(outcomes).toEqual(["unknown"]);
    const [topUp] = await topUpsOf(user.id);
    expect(topUp).toMatchObject({ status: "PENDING", creditedAt: null });
    expect(topUp!.chargeSentAt).not.toBeNull();
    // Still in flight: no second top-up however the balance falls.
    await spendAndCharge(user.id, 10);
    expect(await topUpsOf(user.id)).toHaveLength(1);

    const first = await reconcilePayments(reconcileNow);
    expect(first.changed).toContainEqual({ paymentId: topUp!.id, from: "PENDING", to: "PAID", granted: true });
    await reconcilePayments(reconcileNow);
    await sandbox.resumeWebhooks();
    await sandbox.waitForDeliveries(topUp!.id, (d) => d.some((w) => w.attempts.some((a) => a.status === 200)));
    expect(await balanceOf(user.id)).toBe(40 + 100);
    expect(await topUpsOf(user.id)).toHaveLength(1);
  });

  it("a top-up left unsent by a crash is sent by reconciliation under its own paymentId", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { threshold: 100 });
    await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    const paymentId = await requestAutoTopUp(user.id);
    await ageTopUps(user.id, 1);

    const report = await reconcilePayments(reconcileNow);
    expect(report.autoTopUps.sent).toBe(1);
    expect(await paymentRow(paymentId!)).toMatchObject({ status: "PAID" });
    expect(await balanceOf(user.id)).toBe(150);
  });

  it("a charge PortOne never received is sent again under the same paymentId, and charged once", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { threshold: 100 });
    await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    const paymentId = await requestAutoTopUp(user.id);
    // Marked sent, then the process died before PortOne heard of it.
    await getDb()
      .update(payments)
      .set({ chargeSentAt: sql`now() - interval '5 minutes'` })
      .where(eq(payments.id, paymentId!));

    const report = await reconcilePayments(reconcileNow);
    expect(report.autoTopUps.resent).toBe(1);
    expect(await paymentRow(paymentId!)).toMatchObject({ status: "PAID" });
    expect(await chargeAutoTopUp(paymentId!, { resend: true })).toBe("not-due");
    expect(await balanceOf(user.id)).toBe(150);
  });

  it("the chat answers and spends while PortOne is down; the top-up waits, recorded, for PortOne", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { threshold: 100 });
    await sandbox.setApi("down");
    const res = await asUser(user.id).chat("안녕하세요");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ creditsSpent: 10, balance: 50 });
    const [topUp] = await eventually(() => topUpsOf(user.id), (t) => t.length === 1 && t[0]!.chargeSentAt !== null);
    expect(topUp).toMatchObject({ status: "PENDING" });

    await sandbox.setApi("ok");
    await getDb().update(payments).set({ chargeSentAt: sql`now() - interval '5 minutes'` }).where(eq(payments.id, topUp!.id));
    await reconcilePayments(reconcileNow);
    expect(await paymentRow(topUp!.id)).toMatchObject({ status: "PAID" });
    expect(await balanceOf(user.id)).toBe(150);
  });

  it("shows in the payment list as an AUTO_TOPUP payment", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { threshold: 100 });
    await spendAndCharge(user.id, 10);
    const list = (await (await asUser(user.id).list()).json()) as Array<{ trigger: string; status: string; orderName: string }>;
    expect(list).toEqual([expect.objectContaining({ trigger: "AUTO_TOPUP", status: "PAID", orderName: "AInfo 100 크레딧 자동 충전" })]);
  });
});
