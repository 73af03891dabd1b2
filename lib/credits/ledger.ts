import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { creditLedger, users, type LedgerKind } from "@/db/schema";

type Entry = {
  userId: string;
  delta: number;
  kind: LedgerKind;
  idempotencyKey: string;
  paymentId?: string;
};

/**
 * Moves a balance and writes its ledger row in the caller's transaction: the only
 * way a balance changes. A repeated idempotency key fails on the unique index,
 * aborting the transaction, so no key is ever counted twice.
 */
export async function applyLedgerEntry(tx: Transaction, entry: Entry): Promise<{ balanceAfter: number }> {
  const [row] = await tx
    .update(users)
    .set({ creditBalance: sql`${users.creditBalance} + ${entry.delta}` })
    .where(eq(users.id, entry.userId))
    .returning({ balance: users.creditBalance });
  if (!row) throw new Error(`no user ${entry.userId}`);
  await tx.insert(creditLedger).values({
    userId: entry.userId,
    delta: entry.delta,
    kind: entry.kind,
    idempotencyKey: entry.idempotencyKey,
    paymentId: entry.paymentId ?? null,
    balanceAfter: row.balance,
  });
  return { balanceAfter: row.balance };
}

/** The pack's credits for one paid order; keyed by the paymentId, so at most once per payment. */
export function grantPurchaseCredits(
  tx: Transaction,
  grant: { userId: string; paymentId: string; credits: number },
): Promise<{ balanceAfter: number }> {
  return applyLedgerEntry(tx, {
    userId: grant.userId,
    delta: grant.credits,
    kind: "purchase",
    idempotencyKey: grant.paymentId,
    paymentId: grant.paymentId,
  });
}
