import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/credits/check";
import { InsufficientCredits } from "@/lib/credits/errors";
import { releaseHold, reserveCredits } from "@/lib/credits/holds";
import { spendCredits } from "@/lib/credits/spend";
import type { LotView } from "@/lib/credits/lots";
import { asUser, balanceOf, creditedPurchase, ledgerOf } from "../support/app";
import { createTestUser } from "../support/factories";
import { drawsOf, grantLot, lotsOf, setLotTimes } from "../support/lots";

const DAY_MS = 86_400_000;
const spend = (userId: string, amount: number) => spendCredits({ userId, amount, idempotencyKey: randomUUID() });
const byLot = (draws: Array<[number, number]>) => [...draws].sort((a, b) => a[0] - b[0]);

async function openLots(userId: string): Promise<LotView[]> {
  const res = await asUser(userId).credits();
  expect(res.status).toBe(200);
  return ((await res.json()) as { lots: LotView[] }).lots;
}

/**
 * Five lots whose spending order differs from the order they were given in:
 * one expiring soonest; a bonus and a paid lot expiring together (the paid one older);
 * two bonus lots expiring together, the older one given second.
 */
async function fiveLots() {
  const user = await createTestUser();
  const mid = new Date(Date.now() + 100 * DAY_MS);
  const late = new Date(Date.now() + 200 * DAY_MS);
  const newerLateBonus = await grantLot(user.id, { credits: 30, kind: "bonus", expiresInDays: 200, grantedDaysAgo: 1 });
  const midPaid = await grantLot(user.id, { credits: 30, kind: "paid", expiresInDays: 100, grantedDaysAgo: 5 });
  const olderLateBonus = await grantLot(user.id, { credits: 30, kind: "bonus", expiresInDays: 200, grantedDaysAgo: 3 });
  const midBonus = await grantLot(user.id, { credits: 30, kind: "bonus", expiresInDays: 100, grantedDaysAgo: 1 });
  const soonest = await grantLot(user.id, { credits: 30, kind: "paid", expiresInDays: 10, grantedDaysAgo: 0 });
  for (const id of [midPaid, midBonus]) await setLotTimes(id, { expiresAt: mid });
  for (const id of [newerLateBonus, olderLateBonus]) await setLotTimes(id, { expiresAt: late });
  return { user, order: [soonest, midBonus, midPaid, olderLateBonus, newerLateBonus] as const };
}

describe("spending draws credit lots in order", () => {
  it("draws the soonest-expiring lot first, then bonus before paid, then the oldest, and records each spend's draws", async () => {
    const { user, order } = await fiveLots();
    const [soonest, midBonus, midPaid, olderLateBonus, newerLateBonus] = order;
    expect(await balanceOf(user.id)).toBe(150);

    const first = await spend(user.id, 45);
    expect(byLot(await drawsOf(first.entryId))).toEqual(byLot([[soonest, 30], [midBonus, 15]]));
    const second = await spend(user.id, 30);
    expect(byLot(await drawsOf(second.entryId))).toEqual(byLot([[midBonus, 15], [midPaid, 15]]));
    const third = await spend(user.id, 40);
    expect(byLot(await drawsOf(third.entryId))).toEqual(byLot([[midPaid, 15], [olderLateBonus, 25]]));
    const fourth = await spend(user.id, 20);
    expect(byLot(await drawsOf(fourth.entryId))).toEqual(byLot([[olderLateBonus, 5], [newerLateBonus, 15]]));

    expect(await balanceOf(user.id)).toBe(15);
    expect((await lotsOf(user.id)).map((l) => [l.id, l.remaining])).toEqual(
      expect.arrayContaining([[soonest, 0], [midBonus, 0], [midPaid, 0], [olderLateBonus, 0], [newerLateBonus, 15]]),
    );
  });

  it("GET /api/credits lists the open lots in the order spending draws them, with their kind, source, times and what is left", async () => {
    const { user, order } = await fiveLots();
    expect((await openLots(user.id)).map((l) => l.id)).toEqual([...order]);
    await spend(user.id, 45);
    const lots = await openLots(user.id);
    // The spent-out lot is no longer open; the half-spent one is still first.
    expect(lots.map((l) => [l.id, l.remaining])).toEqual([
      [order[1], 15],
      [order[2], 30],
      [order[3], 30],
      [order[4], 30],
    ]);
    expect(lots[0]).toEqual({
      id: order[1],
      kind: "bonus",
      source: "adjust",
      paymentId: null,
      granted: 30,
      remaining: 15,
      grantedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(lots[1]).toMatchObject({ kind: "paid", source: "adjust" });
    expect(lots.reduce((sum, l) => sum + l.remaining, 0)).toBe(await balanceOf(user.id));
  });

  it("a purchase shows as its bonus lot (a year) then its paid lot (five years), both naming the payment", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    const lots = await openLots(user.id);
    expect(lots.map((l) => [l.kind, l.source, l.paymentId, l.granted, l.remaining])).toEqual([
      ["bonus", "purchase", paymentId, 50, 50],
      ["paid", "purchase", paymentId, 500, 500],
    ]);
    const validDays = (l: LotView) => Math.round((Date.parse(l.expiresAt) - Date.parse(l.grantedAt)) / DAY_MS);
    expect(lots.map(validDays)).toEqual([365, 1825]);
    // The chat spends the bonus first: the paid credits stay refundable longest.
    expect((await asUser(user.id).chat("보너스부터 쓰나요?")).status).toBe(200);
    expect((await openLots(user.id)).map((l) => [l.kind, l.remaining])).toEqual([
      ["bonus", 40],
      ["paid", 500],
    ]);
  });
});

describe("a released hold gives its credits back to the lots it drew from", () => {
  it("returns them to those very lots, not to whichever lot spending would draw next", async () => {
    const user = await createTestUser();
    const first = await grantLot(user.id, { credits: 10, kind: "bonus", expiresInDays: 10 });
    const second = await grantLot(user.id, { credits: 20, kind: "bonus", expiresInDays: 20 });
    const third = await grantLot(user.id, { credits: 20, kind: "paid", expiresInDays: 30 });

    const { hold } = await reserveCredits({ userId: user.id, amount: 25, idempotencyKey: randomUUID() });
    expect(byLot(await drawsOf(hold.reserveEntryId!))).toEqual([[first, 10], [second, 15]]);
    // Spent while the hold is open: the rest of the second lot, and some of the third.
    await spend(user.id, 10);
    expect(await releaseHold(hold.id)).toBe(true);

    const release = (await ledgerOf(user.id)).at(-1)!;
    expect(release).toMatchObject({ kind: "release", delta: 25 });
    expect(byLot(await drawsOf(release.id))).toEqual([[first, -10], [second, -15]]);
    expect((await lotsOf(user.id)).map((l) => [l.id, l.remaining])).toEqual([
      [first, 10],
      [second, 15],
      [third, 15],
    ]);
    expect(await balanceOf(user.id)).toBe(40);
  });
});

describe("concurrent spending over several lots", () => {
  it("200 concurrent 10-credit spends over five lots of 1,000 credits: exactly 100 succeed, every lot is spent out, and the ledger checks clean", async () => {
    const user = await createTestUser();
    const lots = [
      await grantLot(user.id, { credits: 130, kind: "paid", expiresInDays: 30 }),
      await grantLot(user.id, { credits: 170, kind: "bonus", expiresInDays: 30 }),
      await grantLot(user.id, { credits: 200, kind: "bonus", expiresInDays: 90 }),
      await grantLot(user.id, { credits: 250, kind: "paid", expiresInDays: 400 }),
      await grantLot(user.id, { credits: 250, kind: "bonus", expiresInDays: 400 }),
    ];
    expect(await balanceOf(user.id)).toBe(1000);

    const results = await Promise.allSettled(Array.from({ length: 200 }, () => spend(user.id, 10)));
    const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof spend>>> => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(100);
    for (const r of refused) expect(r.reason).toBeInstanceOf(InsufficientCredits);

    expect(await balanceOf(user.id)).toBe(0);
    expect((await lotsOf(user.id)).map((l) => [l.id, l.remaining])).toEqual(lots.map((id) => [id, 0]));
    // Each spend drew exactly its ten credits.
    for (const r of ok) {
      const drawn = (await drawsOf(r.value.entryId)).reduce((sum, [, credits]) => sum + credits, 0);
      expect(drawn).toBe(10);
    }
    expect(await checkLedger()).toEqual([]);
  });
});
