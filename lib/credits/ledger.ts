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

/**
 * Writes the ledger row of a balance change made in the same transaction. A
 * repeated idempotency key fails on the unique index, aborting the transaction
 * (and its balance change), so no key is ever counted twice.
 */
export async function recordLedgerEntry(tx: Transaction, entry: Entry, balanceAfter: number): Promise<number> {
  const [row] = await tx
    .insert(creditLedger)
    .values({
      userId: entry.userId,
      delta: entry.delta,
      kind: entry.kind,
      idempotencyKey: entry.idempotencyKey,
      paymentId: entry.paymentId ?? null,
      balanceAfter,
    })
    .returning({ id: creditLedger.id });
  return row!.id;
}

/**
 * Moves a balance by `delta` unconditionally (a grant, a release, a revoke) and
 * records it, in one statement: the balance and its ledger row change together.
 */
export async function applyLedgerEntry(tx: Transaction, entry: Entry): Promise<{ balanceAfter: number }> {
  // A data-modifying CTE (raw SQL: Drizzle cannot say it) saves a round trip on every grant and revoke.
  const [row] = await tx.execute<{ balance_after: string }>(sql`
    with moved as (
      update ${users} set credit_balance = credit_balance + ${entry.delta}
      where id = ${entry.userId}::uuid
      returning credit_balance
    )
    insert into ${creditLedger} (user_id, delta, kind, idempotency_key, payment_id, balance_after)
    select ${entry.userId}::uuid, ${entry.delta}, ${entry.kind}::ledger_kind, ${entry.idempotencyKey}, ${entry.paymentId ?? null}, credit_balance
    from moved
    returning balance_after`);
  if (!row) throw new Error(`no user ${entry.userId}`);
  return { balanceAfter: Number(row.balance_after) };
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

/** The idempotency key of the revoke row for one PortOne cancellation. */
export const revokeKey = (cancellationId: string) => `cancellation:${cancellationId}`;

/** Takes back credits for one PortOne cancellation; keyed by its id, so at most once each. May leave a debt. */
export function revokePurchaseCredits(
  tx: Transaction,
  revoke: { userId: string; paymentId: string; credits: number; cancellationId: string },
): Promise<{ balanceAfter: number }> {
  return applyLedgerEntry(tx, {
    userId: revoke.userId,
    delta: -revoke.credits,
    kind: "revoke",
    idempotencyKey: revokeKey(revoke.cancellationId),
    paymentId: revoke.paymentId,
  });
}
