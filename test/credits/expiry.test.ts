import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/credits/check";
import { expireCreditLots } from "@/lib/credits/expiry";
import { captureHold, releaseHold, reserveCredits } from "@/lib/credits/holds";
import { spendCredits } from "@/lib/credits/spend";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { balanceOf, ledgerOf } from "../support/app";
import { createTestUser } from "../support/factories";
import { drawsOf, grantLot, lotsOf, setLotTimes } from "../support/lots";

const everything = { minAgeMs: 0, maxAgeMs: 7 * 24 * 3_600_000, batchSize: 100, maxBatches: 1000, paidRechecks: 0 };

const expireRows = async (userId: string) => (await ledgerOf(userId)).filter((e) => e.kind === "expire");
const remainingOf = async (userId: string, lotId: number) => (await lotsOf(userId)).find((l) => l.id === lotId)!.remaining;

/** A user with a 30-credit bonus lot past its expiry (10 of it spent) and a 50-credit paid lot still valid. */
async function userWithExpiredLot() {
  const user = await createTestUser();
  const expired = await grantLot(user.id, { credits: 30, kind: "bonus", expiresInDays: 1 });
  const valid = await grantLot(user.id, { credits: 50, kind: "paid", expiresInDays: 100 });
  await spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
  await setLotTimes(expired, { expiresInDays: -1 });
  expect(await balanceOf(user.id)).toBe(70);
  return { user, expired, valid };
}

describe("credit lots expire", () => {
  it("a lot past its expiry loses what is left of it with exactly one expire row; a valid lot keeps its credits", async () => {
    const { user, expired, valid } = await userWithExpiredLot();
    const run = await expireCreditLots();
    expect(run.lots).toBeGreaterThanOrEqual(1);

    expect(await balanceOf(user.id)).toBe(50);
    const rows = await expireRows(user.id);
    expect(rows.map((e) => [e.kind, e.delta, e.idempotencyKey, e.balanceAfter])).toEqual([["expire", -20, `expire:${expired}`, 50]]);
    expect(await drawsOf(rows[0]!.id)).toEqual([[expired, 20]]);
    expect(await remainingOf(user.id, expired)).toBe(0);
    expect(await remainingOf(user.id, valid)).toBe(50);
  });

  it("expires a lot once however often it runs, one run after another or two at once", async () => {
    const { user, expired } = await userWithExpiredLot();
    await Promise.all([expireCreditLots(), expireCreditLots()]);
    await expireCreditLots();
    expect((await expireRows(user.id)).map((e) => [e.delta, e.idempotencyKey])).toEqual([[-20, `expire:${expired}`]]);
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("skips a lot an open chat hold drew from until the hold is released, then expires all of it", async () => {
    const { user, expired } = await userWithExpiredLot();
    const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    expect(await drawsOf(hold.reserveEntryId!)).toEqual([[expired, 10]]);

    await expireCreditLots();
    expect(await expireRows(user.id)).toEqual([]);
    expect(await remainingOf(user.id, expired)).toBe(10);

    expect(await releaseHold(hold.id)).toBe(true);
    expect(await remainingOf(user.id, expired)).toBe(20);
    await expireCreditLots();
    expect((await expireRows(user.id)).map((e) => e.delta)).toEqual([-20]);
    expect(await remainingOf(user.id, expired)).toBe(0);
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("skips a lot an open chat hold drew from until the hold is captured, then expires what is left", async () => {
    const { user, expired } = await userWithExpiredLot();
    const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    await expireCreditLots();
    expect(await expireRows(user.id)).toEqual([]);

    expect(await captureHold(hold.id, "the answer")).toBe(true);
    await expireCreditLots();
    expect((await expireRows(user.id)).map((e) => e.delta)).toEqual([-10]);
    expect(await remainingOf(user.id, expired)).toBe(0);
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("reconciliation expires lots too, and the ledger checks clean afterwards", async () => {
    const { user, expired } = await userWithExpiredLot();
    const report = await reconcilePayments(everything);
    expect(report.expiredLots).toBeGreaterThanOrEqual(1);
    expect(report.expiredCredits).toBeGreaterThanOrEqual(20);
    expect((await expireRows(user.id)).map((e) => [e.delta, e.idempotencyKey])).toEqual([[-20, `expire:${expired}`]]);
    expect(await balanceOf(user.id)).toBe(50);
    expect(await checkLedger()).toEqual([]);
  });
});
