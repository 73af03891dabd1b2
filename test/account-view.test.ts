import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readSnapshot } from "@/db/client";
import { readAccountView } from "@/lib/accounts/account-view";
import { getBalance } from "@/lib/accounts/users";
import { ledgerPage } from "@/lib/credits/history";
import { listOpenLots } from "@/lib/credits/lots";
import { spendCredits } from "@/lib/credits/spend";
import { balanceOf } from "./support/app";
import { createTestUser } from "./support/factories";

describe("reading an account in one snapshot", () => {
  it("a spend that commits between the reads is seen by none of them, and by the next snapshot", async () => {
    const user = await createTestUser({ credits: 100 });
    let spend: Promise<unknown> | undefined;
    const seen = await readSnapshot(async (db) => {
      const balance = await getBalance(user.id, db);
      spend = spendCredits({ userId: user.id, amount: 30, idempotencyKey: randomUUID() });
      // PostgreSQL commits the spend meanwhile; the embedded database holds it until this snapshot ends.
      await Promise.race([spend, delay(500)]);
      const [ledger, lots] = await Promise.all([ledgerPage(user.id, { limit: 10 }, db), listOpenLots(user.id, db)]);
      return { balance, ledger, lots };
    });
    await spend;

    expect(seen.balance).toBe(100);
    expect(seen.ledger.balance).toBe(100);
    expect(seen.ledger.entries.map((e) => e.kind)).toEqual(["adjust"]);
    expect(seen.lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(100);

    expect(await balanceOf(user.id)).toBe(70);
    const now = await readAccountView(user.id);
    expect(now.balance).toBe(70);
    expect(now.ledger.entries[0]).toMatchObject({ kind: "spend", delta: -30, balanceAfter: 70 });
    expect(now.lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(70);
  });

  it("is read-only: a write inside it is refused", async () => {
    const user = await createTestUser();
    await expect(readSnapshot((db) => db.execute(sql`update users set name = 'x' where id = ${user.id}`))).rejects.toMatchObject({
      cause: { code: "25006" }, // read_only_sql_transaction
    });
  });
});
