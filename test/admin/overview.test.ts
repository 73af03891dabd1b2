import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditLedger, ledgerCheckRuns, payments, reconcileRuns, webhookEvents, type PaymentStatus } from "@/db/schema";
import { loadOverview, OVERVIEW_DAYS } from "@/lib/admin/overview";
import { createTestUser } from "../support/factories";

// Noon in Korea on 2031-03-15: far from the rows the rest of the suite writes at the real time,
// so the windows hold only this file's rows.
const NOW = new Date("2031-03-15T03:00:00Z");

type PaymentFixture = { status: PaymentStatus; packId: string; amount: number; paidAt?: string; cancelledAmount?: number; cancelledAt?: string; credited?: boolean };

const PACK_CREDITS: Record<string, { paid: number; bonus: number }> = {
  "credits-100": { paid: 100, bonus: 0 },
  "credits-550": { paid: 500, bonus: 50 },
  "credits-1200": { paid: 1000, bonus: 200 },
};

async function insertPayment(userId: string, p: PaymentFixture): Promise<string> {
  const id = `overview-${randomUUID()}`;
  const credits = PACK_CREDITS[p.packId]!;
  await getDb()
    .insert(payments)
    .values({
      id,
      userId,
      packId: p.packId,
      orderName: p.packId,
      credits: credits.paid + credits.bonus,
      paidCredits: credits.paid,
      bonusCredits: credits.bonus,
      amount: p.amount,
      currency: "KRW",
      status: p.status,
      paidAt: p.paidAt ? new Date(p.paidAt) : null,
      cancelledAmount: p.cancelledAmount ?? 0,
      cancelledAt: p.cancelledAt ? new Date(p.cancelledAt) : null,
      creditedAt: p.credited && p.paidAt ? new Date(p.paidAt) : null,
      createdAt: p.paidAt ? new Date(p.paidAt) : NOW,
    });
  return id;
}

describe("the console overview", () => {
  it("sums sales net of cancellations, refunds, packs and credits by KST day, with 30 daily points including empty days", async () => {
    const user = await createTestUser();
    const pay = (p: PaymentFixture) => insertPayment(user.id, p);

    // 00:30 on the 15th in Korea (15:30 UTC the day before): today.
    const credited = await pay({ status: "PAID", packId: "credits-550", amount: 5000, paidAt: "2031-03-14T15:30:00Z", credited: true });
    // 23:30 on the 14th in Korea: yesterday.
    await pay({ status: "PAID", packId: "credits-100", amount: 1000, paidAt: "2031-03-14T14:30:00Z" });
    // Paid on the 10th, ₩2,000 of it cancelled today.
    await pay({ status: "PARTIAL_CANCELLED", packId: "credits-550", amount: 5000, paidAt: "2031-03-10T01:00:00Z", cancelledAmount: 2000, cancelledAt: "2031-03-15T01:00:00Z" });
    // The first day of the window (00:00 on 14 February in Korea) and the minute before it.
    await pay({ status: "CANCELLED", packId: "credits-1200", amount: 10000, paidAt: "2031-02-13T15:00:00Z", cancelledAmount: 10000, cancelledAt: "2031-02-20T03:00:00Z" });
    await pay({ status: "PAID", packId: "credits-1200", amount: 10000, paidAt: "2031-02-13T14:59:00Z" });
    // Never paid: no sale.
    await pay({ status: "FAILED", packId: "credits-100", amount: 1000 });

    // Credits today, summing to zero so the account stays consistent for the suite's closing ledger check.
    const at = (iso: string) => new Date(iso);
    const rows: { delta: number; kind: (typeof creditLedger.$inferInsert)["kind"]; createdAt: Date; paymentId?: string }[] = [
      { delta: 550, kind: "purchase", createdAt: at("2031-03-14T15:30:00Z"), paymentId: credited },
      { delta: 30, kind: "adjust", createdAt: at("2031-03-15T00:00:00Z") },
      { delta: -100, kind: "spend", createdAt: at("2031-03-15T00:10:00Z") },
      { delta: -20, kind: "reserve", createdAt: at("2031-03-15T00:20:00Z") },
      { delta: -20, kind: "reserve", createdAt: at("2031-03-15T00:21:00Z") },
      { delta: 20, kind: "release", createdAt: at("2031-03-15T00:22:00Z") },
      { delta: -200, kind: "revoke", createdAt: at("2031-03-15T01:00:00Z") },
      { delta: -50, kind: "void", createdAt: at("2031-03-15T01:00:00Z") },
      { delta: -10, kind: "adjust", createdAt: at("2031-03-15T02:00:00Z") },
      // Spent on the 12th: the chart's other credit day.
      { delta: -80, kind: "spend", createdAt: at("2031-03-12T05:00:00Z") },
      { delta: -120, kind: "expire", createdAt: at("2031-03-12T06:00:00Z") },
    ];
    expect(rows.reduce((sum, r) => sum + r.delta, 0)).toBe(0);
    let balance = 0;
    for (const [i, row] of rows.entries()) {
      balance += row.delta;
      await getDb()
        .insert(creditLedger)
        .values({ userId: user.id, idempotencyKey: `overview-${i}`, balanceAfter: balance, ...row });
    }

    const before = await loadOverview(NOW);
    await pay({ status: "PENDING", packId: "credits-100", amount: 1000 });
    await pay({ status: "VIRTUAL_ACCOUNT_ISSUED", packId: "credits-100", amount: 1000 });
    await getDb()
      .insert(webhookEvents)
      .values([
        { webhookId: `overview-${randomUUID()}`, type: "Transaction.Paid" },
        { webhookId: `overview-${randomUUID()}`, type: "Transaction.Paid", processedAt: new Date(), outcome: "credited" },
      ]);
    const [run] = await getDb().insert(reconcileRuns).values({ startedBy: "cron", checked: 4, changed: 1, complete: true, finishedAt: new Date() }).returning();
    await getDb().insert(ledgerCheckRuns).values({ problems: 0 });

    const overview = await loadOverview(NOW);

    expect(overview.today).toBe("2031-03-15");
    expect(overview.daily).toHaveLength(OVERVIEW_DAYS);
    expect(overview.daily[0]!.date).toBe("2031-02-14");
    expect(overview.daily.map((d) => d.date)).toEqual([...new Set(overview.daily.map((d) => d.date))]);
    const day = (date: string) => overview.daily.find((d) => d.date === date)!;
    expect(day("2031-03-15")).toMatchObject({ paidPayments: 1, salesGross: 5000, salesNet: 5000, refunds: 1, refundedAmount: 2000 });
    expect(day("2031-03-14")).toMatchObject({ paidPayments: 1, salesNet: 1000, creditsGranted: 0, creditsSpent: 0 });
    expect(day("2031-03-10")).toMatchObject({ salesGross: 5000, salesCancelled: 2000, salesNet: 3000, refunds: 0 });
    expect(day("2031-02-14")).toMatchObject({ paidPayments: 1, salesGross: 10000, salesNet: 0 });
    expect(day("2031-02-20")).toMatchObject({ refunds: 1, refundedAmount: 10000, salesGross: 0 });
    expect(day("2031-03-12")).toMatchObject({ creditsSpent: 80, creditsExpired: 120 });
    // A day nothing happened is a zero point, not a missing one.
    expect(day("2031-03-01")).toEqual({
      date: "2031-03-01",
      paidPayments: 0,
      salesGross: 0,
      salesCancelled: 0,
      salesNet: 0,
      refunds: 0,
      refundedAmount: 0,
      creditsGranted: 0,
      creditsSpent: 0,
      creditsRevoked: 0,
      creditsVoided: 0,
      creditsExpired: 0,
      creditsAdjustedDown: 0,
    });

    // Granted = purchase + positive adjustments; net spent = spend + reserves − releases (100 + 40 − 20).
    expect(overview.totals.today).toMatchObject({
      salesNet: 5000,
      refunds: 1,
      refundedAmount: 2000,
      creditsGranted: 580,
      creditsSpent: 120,
      creditsRevoked: 200,
      creditsVoided: 50,
      creditsExpired: 0,
      creditsAdjustedDown: 10,
    });
    expect(overview.totals.days7).toMatchObject({ paidPayments: 3, salesGross: 11000, salesNet: 9000, creditsSpent: 200, creditsExpired: 120 });
    expect(overview.totals.days30).toMatchObject({ paidPayments: 4, salesGross: 21000, salesCancelled: 12000, salesNet: 9000, refunds: 2, refundedAmount: 12000 });

    expect(overview.packs).toEqual([
      { packId: "credits-100", name: "100 크레딧", today: 0, days7: 1, days30: 1 },
      { packId: "credits-550", name: "550 크레딧", today: 1, days7: 2, days30: 2 },
      { packId: "credits-1200", name: "1,200 크레딧", today: 0, days7: 0, days30: 1 },
    ]);

    expect(overview.openPayments.pending).toBe(before.openPayments.pending + 1);
    expect(overview.openPayments.virtualAccountWaiting).toBe(before.openPayments.virtualAccountWaiting + 1);
    expect(overview.unprocessedWebhooks).toBe(before.unprocessedWebhooks + 1);
    expect(overview.lastReconcileRun).toMatchObject({ startedBy: "cron", checked: 4, changed: 1, failed: 0, complete: true, startedAt: run!.startedAt.toISOString() });
    expect(overview.lastLedgerCheck).toMatchObject({ problems: 0 });
  });
});
