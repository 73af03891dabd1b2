import { and, eq, gte, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { creditLedger, users } from "@/db/schema";
import { InsufficientCredits } from "./errors";
import { recordLedgerEntry } from "./ledger";

/**
 * Takes `amount` off the balance only if the balance covers it: the condition
 * lives in the UPDATE, so concurrent spends can never overdraw.
 */
export async function debitIfCovered(tx: Transaction, userId: string, amount: number): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ creditBalance: sql`${users.creditBalance} - ${amount}` })
    .where(and(eq(users.id, userId), gte(users.creditBalance, amount)))
    .returning({ balance: users.creditBalance });
  if (row) return row.balance;
  const [current] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId));
  throw new InsufficientCredits(amount, current?.balance ?? 0);
}

export type SpendResult = { entryId: number; balanceAfter: number; replayed: boolean };

async function findSpend(userId: string, idempotencyKey: string) {
  const [entry] = await getDb()
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, "spend"), eq(creditLedger.idempotencyKey, idempotencyKey)));
  return entry;
}

/**
 * Spends credits once per idempotency key: a repeated or concurrent request
 * with the same key is charged once and answered with the first charge.
 * A duplicate key makes its transaction fail on the ledger's unique index
 * (undoing its debit); the stored charge is then returned.
 */
export async function spendCredits(spend: { userId: string; amount: number; idempotencyKey: string }): Promise<SpendResult> {
  if (!Number.isInteger(spend.amount) || spend.amount <= 0) throw new Error("a spend is a positive whole number of credits");
  const earlier = await findSpend(spend.userId, spend.idempotencyKey);
  if (earlier) return { entryId: earlier.id, balanceAfter: earlier.balanceAfter, replayed: true };
  try {
    return await getDb().transaction(async (tx) => {
      const balanceAfter = await debitIfCovered(tx, spend.userId, spend.amount);
      const entryId = await recordLedgerEntry(
        tx,
        { userId: spend.userId, delta: -spend.amount, kind: "spend", idempotencyKey: spend.idempotencyKey },
        balanceAfter,
      );
      return { entryId, balanceAfter, replayed: false };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findSpend(spend.userId, spend.idempotencyKey);
    if (!winner) throw error;
    return { entryId: winner.id, balanceAfter: winner.balanceAfter, replayed: true };
  }
}
