import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditHolds } from "@/db/schema";
import { captureHold, getHold, releaseHold, releaseStaleHolds, reserveCredits } from "@/lib/credits/holds";
import { balanceOf, ledgerOf } from "../support/app";
import { createTestUser } from "../support/factories";

/** A user with 20 credits, 10 of them held. */
async function heldTen() {
  const user = await createTestUser({ credits: 20 });
  const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
  expect(await balanceOf(user.id)).toBe(10);
  return { user, hold };
}

/** Releases the hold as reconciliation does for a request that died: it is made old, then swept. */
async function releaseAsStale(holdId: number) {
  await getDb().update(creditHolds).set({ createdAt: new Date(Date.now() - 3_600_000) }).where(eq(creditHolds.id, holdId));
  expect(await releaseStaleHolds(60_000)).toBeGreaterThanOrEqual(1);
}

const kinds = async (userId: string) => (await ledgerOf(userId)).map((e) => e.kind);

describe("a hold gives its credits back at most once", () => {
  it("a second releaseHold returns false and leaves the balance as the first left it", async () => {
    const { user, hold } = await heldTen();
    expect(await releaseHold(hold.id)).toBe(true);
    expect(await releaseHold(hold.id)).toBe(false);
    expect(await balanceOf(user.id)).toBe(20);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve", "release"]);
  });

  it("ten concurrent releases of one hold give its credits back once", async () => {
    const { user, hold } = await heldTen();
    const results = await Promise.all(Array.from({ length: 10 }, () => releaseHold(hold.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await balanceOf(user.id)).toBe(20);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve", "release"]);
  });

  it("a hold reconciliation released as stale is not released again by its request", async () => {
    const { user, hold } = await heldTen();
    await releaseAsStale(hold.id);
    expect(await releaseHold(hold.id)).toBe(false);
    expect(await balanceOf(user.id)).toBe(20);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve", "release"]);
  });

  it("a captured hold cannot be released: the answer's credits stay spent", async () => {
    const { user, hold } = await heldTen();
    expect(await captureHold(hold.id, "the answer")).toBe(true);
    expect(await releaseHold(hold.id)).toBe(false);
    expect(await getHold(hold.id)).toMatchObject({ status: "captured", result: "the answer" });
    expect(await balanceOf(user.id)).toBe(10);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve"]);
  });
});

describe("a hold released cannot be captured afterwards", () => {
  it("after releaseHold, captureHold returns false: the hold stays released, keeps no answer, and the credits stay returned", async () => {
    const { user, hold } = await heldTen();
    expect(await releaseHold(hold.id)).toBe(true);
    expect(await captureHold(hold.id, "a late answer")).toBe(false);
    expect(await getHold(hold.id)).toMatchObject({ status: "released", result: null });
    expect(await balanceOf(user.id)).toBe(20);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve", "release"]);
  });

  it("after reconciliation released it as stale, captureHold returns false and the credits stay returned", async () => {
    const { user, hold } = await heldTen();
    await releaseAsStale(hold.id);
    expect(await captureHold(hold.id, "a late answer")).toBe(false);
    expect(await getHold(hold.id)).toMatchObject({ status: "released", result: null });
    expect(await balanceOf(user.id)).toBe(20);
    expect(await kinds(user.id)).toEqual(["adjust", "reserve", "release"]);
  });
});
