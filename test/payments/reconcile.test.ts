import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { payments, webhookEvents } from "@/db/schema";
import { POST as refundRoute } from "@/app/api/admin/payments/[paymentId]/refund/route";
import { POST as reconcileRoute } from "@/app/api/cron/reconcile/route";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { pruneWebhookEvents, WEBHOOK_EVENT_RETENTION_DAYS } from "@/lib/payments/webhook";
import { createTestOperator, createTestUser } from "../support/factories";
import { asUser, balanceOf, creditedPurchase, eventually, ledgerOf, paymentRow, sandbox } from "../support/app";
import { TEST_CRON_SECRET } from "../support/constants";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

const now = { minAgeMs: 0, maxAgeMs: 7 * 24 * 3_600_000, batchSize: 2, maxBatches: 1000, paidRechecks: 0 };

afterEach(async () => {
  await sandbox.resumeWebhooks();
});

describe("reconciliation", () => {
  it("credits a paid payment whose webhook was lost and that nobody completed", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-550");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);

    const report = await reconcilePayments(now);
    expect(report.complete).toBe(true);
    expect(report.changed).toContainEqual({ paymentId, from: "PENDING", to: "PAID", granted: true });
    expect(await balanceOf(user.id)).toBe(550);
  });

  it("credits a failed payment paid again under the same paymentId, whose webhook was lost", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    await sandbox.fail(paymentId);
    await eventually(() => paymentRow(paymentId), (p) => p.status === "FAILED");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);

    const report = await reconcilePayments(now);
    expect(report.changed).toContainEqual({ paymentId, from: "FAILED", to: "PAID", granted: true });
    expect(await balanceOf(user.id)).toBe(100);
  });

  it("leaves payments younger than the minimum age alone", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);
    const report = await reconcilePayments({ ...now, minAgeMs: 60_000 });
    expect(report.changed.map((c) => c.paymentId)).not.toContain(paymentId);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING" });
  });

  it("checks the least recently checked first, so a flood of new orders cannot hide an old payment", async () => {
    // Everything open now has just been checked.
    await reconcilePayments(now);
    const user = await createTestUser();
    const { paymentId: old } = await asUser(user.id).orderPack("credits-100");
    for (let i = 0; i < 3; i++) await asUser(user.id).orderPack("credits-100");
    await sandbox.pauseWebhooks();
    await sandbox.pay(old);
    // Last asked about an hour ago, before any of the flood was ordered.
    await getDb().update(payments).set({ lastCheckedAt: sql`now() - interval '1 hour'` }).where(eq(payments.id, old));

    const first = await reconcilePayments({ ...now, batchSize: 1, maxBatches: 1 });
    expect(first).toMatchObject({ checked: 1, complete: false });
    expect(first.changed).toEqual([{ paymentId: old, from: "PENDING", to: "PAID", granted: true }]);

    // The next run goes on with another payment, not the one just checked.
    const checkedAt = (await paymentRow(old)).lastCheckedAt;
    const next = await reconcilePayments({ ...now, batchSize: 1, maxBatches: 1 });
    expect(next.checked).toBe(1);
    expect((await paymentRow(old)).lastCheckedAt).toEqual(checkedAt);
  });

  it("walks every open payment in bounded batches, each once", async () => {
    const user = await createTestUser();
    const paid = [];
    for (let i = 0; i < 5; i++) paid.push((await asUser(user.id).orderPack("credits-100")).paymentId);
    await sandbox.pauseWebhooks();
    for (const paymentId of paid) await sandbox.pay(paymentId);
    // The same instant for all, so the walk must tell them apart by id.
    await getDb().update(payments).set({ updatedAt: sql`date_trunc('second', now()) - interval '1 minute'` }).where(inArray(payments.id, paid));

    const report = await reconcilePayments({ ...now, batchSize: 2 });
    expect(report.complete).toBe(true);
    expect(report.changed.map((c) => c.paymentId).sort()).toEqual([...paid].sort());
    expect(await balanceOf(user.id)).toBe(500);
  });

  it("leaves alone orders older than the maximum age: abandoned checkouts are not asked about forever", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    await getDb().update(payments).set({ updatedAt: sql`now() - interval '8 days'` }).where(eq(payments.id, paymentId));
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);

    const report = await reconcilePayments(now);
    expect(report.changed.map((c) => c.paymentId)).not.toContain(paymentId);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING" });
  });

  it("grants once when it runs concurrently with itself and with a redelivered webhook", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-1200");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);
    const [held] = await sandbox.waitForDeliveries(paymentId, (ds) => ds.length > 0);

    await Promise.all([reconcilePayments(now), reconcilePayments(now), sandbox.resumeWebhooks(), sandbox.redeliver(held!.webhookId)]);
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.flatMap((d) => d.attempts).filter((a) => a.status === 200).length >= 2);
    expect(await balanceOf(user.id)).toBe(1200);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it("runs on POST /api/cron/reconcile only with exactly `Authorization: Bearer <CRON_SECRET>`", async () => {
    const call = (authorization?: string) =>
      reconcileRoute(
        jsonRequest("/api/cron/reconcile", { method: "POST", headers: authorization ? { authorization } : {} }),
        undefined as never,
      );
    expect((await call()).status).toBe(401);
    expect((await call("Bearer not-the-secret")).status).toBe(401);
    expect((await call(TEST_CRON_SECRET)).status).toBe(401);
    expect((await call(`bearer ${TEST_CRON_SECRET}`)).status).toBe(401);
    expect((await call(`Bearer  ${TEST_CRON_SECRET}`)).status).toBe(401);
    const ok = await call(`Bearer ${TEST_CRON_SECRET}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ checked: expect.any(Number), changed: expect.any(Array), failed: [] });
  });

  it("deletes processed webhook deliveries past the retention, and keeps newer and unprocessed ones", async () => {
    const id = () => `whk_prune_${crypto.randomUUID()}`;
    const days = (n: number) => sql`now() - make_interval(days => ${n})`;
    const rows = { old: id(), recent: id(), oldUnprocessed: id() };
    await getDb()
      .insert(webhookEvents)
      .values([
        { webhookId: rows.old, type: "Transaction.Paid", receivedAt: days(WEBHOOK_EVENT_RETENTION_DAYS + 1), processedAt: days(WEBHOOK_EVENT_RETENTION_DAYS + 1) },
        { webhookId: rows.recent, type: "Transaction.Paid", receivedAt: days(WEBHOOK_EVENT_RETENTION_DAYS - 1), processedAt: days(WEBHOOK_EVENT_RETENTION_DAYS - 1) },
        { webhookId: rows.oldUnprocessed, type: "Transaction.Paid", receivedAt: days(WEBHOOK_EVENT_RETENTION_DAYS + 20) },
      ]);

    const report = await reconcilePayments({ ...now, maxBatches: 1 });
    expect(report.prunedWebhookEvents).toBeGreaterThanOrEqual(1);
    const left = await getDb().select({ webhookId: webhookEvents.webhookId }).from(webhookEvents).where(inArray(webhookEvents.webhookId, Object.values(rows)));
    expect(left.map((r) => r.webhookId).sort()).toEqual([rows.recent, rows.oldUnprocessed].sort());
    expect(await pruneWebhookEvents()).toBe(0);
  });
});

describe("reconciliation re-checks paid payments, so a cancellation whose webhooks were all lost is still seen", () => {
  /** Paid payments whose webhooks are all delivered, then cancelled in PortOne's console while every webhook is lost. */
  const consoleCancelledWhileWebhooksLost = async (...purchases: Array<{ paidDaysAgo: number; lastChecked: string }>) => {
    const made = [];
    for (const p of purchases) {
      const user = await createTestUser();
      const paymentId = await creditedPurchase(user.id, "credits-550");
      await getDb()
        .update(payments)
        .set({ paidAt: sql`now() - make_interval(days => ${p.paidDaysAgo}::integer)`, lastCheckedAt: new Date(p.lastChecked) })
        .where(eq(payments.id, paymentId));
      // Its own deliveries are through first: a late one would show the cancel to sync.
      await sandbox.waitForDeliveries(paymentId, (ds) => ds.length > 0 && ds.every((d) => d.attempts.some((a) => a.status === 200)));
      made.push({ user, paymentId });
    }
    await sandbox.pauseWebhooks();
    for (const { paymentId } of made) await sandbox.cancel(paymentId);
    return made;
  };

  it("takes back the credits of a payment cancelled in PortOne's console that nobody asked to refund, least recently checked first, within the refund window only", async () => {
    const [beyond, within] = await consoleCancelledWhileWebhooksLost(
      { paidDaysAgo: 366, lastChecked: "1999-01-01T00:00:00Z" },
      { paidDaysAgo: 364, lastChecked: "2000-01-01T00:00:00Z" },
    );

    const report = await reconcilePayments({ ...now, paidRechecks: 1 });
    expect(report.paidRechecked).toBe(1);
    expect(report.changed).toContainEqual({ paymentId: within!.paymentId, from: "PAID", to: "CANCELLED", granted: false });
    expect(await balanceOf(within!.user.id)).toBe(0);
    // Past its refund window a payment is left to its webhooks and the console.
    expect(await paymentRow(beyond!.paymentId)).toMatchObject({ status: "PAID" });
    expect(await balanceOf(beyond!.user.id)).toBe(550);
  });

  it("does not re-check paid payments when RECONCILE_PAID_RECHECKS is 0", async () => {
    const [only] = await consoleCancelledWhileWebhooksLost({ paidDaysAgo: 1, lastChecked: "2000-01-01T00:00:00Z" });
    const paymentId = only!.paymentId;
    const report = await reconcilePayments(now);
    expect(report.paidRechecked).toBe(0);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });
  });

  it("finds an operator's cancel that PortOne made but that could not be read back, with its webhook lost, even with no paid re-checks", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.length > 0 && ds.every((d) => d.attempts.some((a) => a.status === 200)));
    await sandbox.pauseWebhooks();
    await sandbox.setApi("down", undefined, ["GET"]);
    try {
      const res = await refundRoute(
        jsonRequest(`/api/admin/payments/${paymentId}/refund`, { method: "POST", body: { reason: "중복 결제" }, cookie: await sessionCookie(operator.id) }),
        { params: Promise.resolve({ paymentId }) },
      );
      expect(await readProblem(res)).toMatchObject({ status: 502, code: "PORTONE_UNAVAILABLE", outcome: "unknown" });
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID" });

    const report = await reconcilePayments(now);
    expect(report.changed).toContainEqual({ paymentId, from: "PAID", to: "CANCELLED", granted: false });
    expect(await balanceOf(user.id)).toBe(0);
  });
});
