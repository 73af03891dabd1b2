import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/credits/check";
import { InsufficientCredits } from "@/lib/credits/errors";
import { spendCredits } from "@/lib/credits/spend";
import { balanceOf, ledgerOf } from "../support/app";
import { createTestUser } from "../support/factories";

describe("spending credits", () => {
  it("200 concurrent 10-credit spends on a balance of 1,000: exactly 100 succeed and the balance ends at 0", async () => {
    const user = await createTestUser({ credits: 1000 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientCredits);

    expect(await balanceOf(user.id)).toBe(0);
    const ledger = await ledgerOf(user.id);
    expect(ledger.filter((e) => e.kind === "spend")).toHaveLength(100);
    expect(ledger.every((e) => e.balanceAfter >= 0)).toBe(true);
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(0);
    expect((await checkLedger()).filter((p) => p.kind === "balance-differs" && p.userId === user.id)).toEqual([]);
  });

  it("the same idempotency key sent 20 times concurrently is charged once and answered alike", async () => {
    const user = await createTestUser({ credits: 100 });
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => spendCredits({ userId: user.id, amount: 10, idempotencyKey: key })),
    );
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.every((r) => r.balanceAfter === 90)).toBe(true);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balanceOf(user.id)).toBe(90);
  });

  it("refuses a spend the balance does not cover, changing nothing", async () => {
    const user = await createTestUser({ credits: 5 });
    await expect(spendCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() })).rejects.toMatchObject({
      status: 402,
      code: "INSUFFICIENT_CREDITS",
    });
    expect(await balanceOf(user.id)).toBe(5);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });
});
