import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { creditLedger, users, type LedgerKind } from "@/db/schema";

export type Entry = {
  userId: string;
  delta: number;
  kind: LedgerKind;
  idempotencyKey: string;
  paymentId?: string;
};

export type AppliedEntry = { entryId: number; balanceAfter: number; debt: number };

/**
 * Moves a balance by `delta` unconditionally (a grant, a release, a revoke) and
 * records it, in one statement: the balance and its ledger row change together,
 * and the user's row stays locked for the rest of the transaction, so the lot
 * changes that follow (lib/credits/lots.ts) see every earlier one. A repeated
 * idempotency key fails on the ledger's unique index, aborting the transaction.
 */
export async function applyLedgerEntry(tx: Transaction, entry: Entry): Promise<AppliedEntry> {
  // A data-modifying CTE (raw SQL: Drizzle cannot say it) saves a round trip on every grant and revoke.
  const [row] = await tx.execute<{ id: string; balance_after: string; credit_debt: string }>(sql`
    with moved as (
      update ${users} set credit_balance = credit_balance + ${entry.delta}
      where id = ${entry.userId}::uuid
      returning credit_balance, credit_debt
    ), recorded as (
      insert into ${creditLedger} (user_id, delta, kind, idempotency_key, payment_id, balance_after)
      select ${entry.userId}::uuid, ${entry.delta}, ${entry.kind}::ledger_kind, ${entry.idempotencyKey}, ${entry.paymentId ?? null}, credit_balance
      from moved
      returning id, balance_after
    )
    select recorded.id, recorded.balance_after, moved.credit_debt from recorded, moved`);
  if (!row) throw new Error(`no user ${entry.userId}`);
  return { entryId: Number(row.id), balanceAfter: Number(row.balance_after), debt: Number(row.credit_debt) };
}

/** The idempotency key of the rows (revoke, void) for one PortOne cancellation. */
export const cancellationKey = (cancellationId: string) => `cancellation:${cancellationId}`;
