import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { creditLedger, users } from "@/db/schema";
import { InsufficientCredits } from "./errors";

export type SpendResult = { entryId: number; balanceAfter: number; replayed: boolean };

async function findSpend(userId: string, idempotencyKey: string) {
  const [entry] = await getDb()
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, "spend"), eq(creditLedger.idempotencyKey, idempotencyKey)));
  return entry;
}

/**
 * Spends credits once per idempotency key, in one round trip: the debit (only
 * if the balance covers it), its ledger row and the lots it draws commit
 * together or not at all (db/migrations/0008's debit_credits). A repeated key
 * fails on the ledger's unique index, which undoes that call's debit too; the
 * first charge is then returned. Concurrent spends never overdraw.
 */
export async function spendCredits(spend: { userId: string; amount: number; idempotencyKey: string }): Promise<SpendResult> {
  if (!Number.isInteger(spend.amount) || spend.amount <= 0) throw new Error("a spend is a positive whole number of credits");
  let charged: Array<{ entry_id: string; balance_after: string }>;
  try {
    // postgres.js itself, not Drizzle's execute: on this hot path Drizzle's query building costs more than the statement.
    charged = await getDb().$client<Array<{ entry_id: string; balance_after: string }>>`
      select * from debit_credits(${spend.userId}::uuid, ${spend.amount}::bigint, 'spend', ${spend.idempotencyKey})`;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    charged = [];
  }
  const [entry] = charged;
  if (entry) return { entryId: Number(entry.entry_id), balanceAfter: Number(entry.balance_after), replayed: false };

  // Nothing charged now: either this key was charged before (answer with that), or the balance is short.
  const earlier = await findSpend(spend.userId, spend.idempotencyKey);
  if (earlier) return { entryId: earlier.id, balanceAfter: earlier.balanceAfter, replayed: true };
  const [current] = await getDb().select({ balance: users.creditBalance }).from(users).where(eq(users.id, spend.userId));
  throw new InsufficientCredits(spend.amount, current?.balance ?? 0);
}
