import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { creditHolds, users, type CreditHold } from "@/db/schema";
import { InsufficientCredits } from "./errors";
import { applyLedgerEntry, recordLedgerEntry } from "./ledger";

const holdKey = (holdId: number) => `hold:${holdId}`;

/**
 * Takes `amount` off the balance only if the balance covers it: the condition
 * lives in the UPDATE, so concurrent reservations can never overdraw.
 */
async function debitIfCovered(tx: Transaction, userId: string, amount: number): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ creditBalance: sql`${users.creditBalance} - ${amount}` })
    .where(and(eq(users.id, userId), gte(users.creditBalance, amount)))
    .returning({ balance: users.creditBalance });
  if (row) return row.balance;
  const [current] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId));
  throw new InsufficientCredits(amount, current?.balance ?? 0);
}

export type Reservation = { hold: CreditHold; created: boolean; balanceAfter: number };

/**
 * Reserves credits for work that is paid only if it succeeds. The first request
 * with a key creates the hold and debits the balance (a `reserve` ledger row);
 * any repeat gets the same hold back and is not charged again. A hold for a
 * refund names its payment, and so do its ledger rows.
 */
export async function reserveCredits(r: { userId: string; amount: number; idempotencyKey: string; paymentId?: string }): Promise<Reservation> {
  return getDb().transaction(async (tx) => {
    const [hold] = await tx
      .insert(creditHolds)
      .values({ userId: r.userId, idempotencyKey: r.idempotencyKey, amount: r.amount, paymentId: r.paymentId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!hold) {
      const [existing] = await tx
        .select()
        .from(creditHolds)
        .where(and(eq(creditHolds.userId, r.userId), eq(creditHolds.idempotencyKey, r.idempotencyKey)));
      const [user] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, r.userId));
      return { hold: existing!, created: false, balanceAfter: user!.balance };
    }
    const balanceAfter = await debitIfCovered(tx, r.userId, r.amount);
    await recordLedgerEntry(
      tx,
      { userId: r.userId, delta: -r.amount, kind: "reserve", idempotencyKey: holdKey(hold.id), paymentId: r.paymentId },
      balanceAfter,
    );
    return { hold, created: true, balanceAfter };
  });
}

/** The work succeeded: the reserved credits stay spent, and its result is kept for repeats. */
export async function captureHold(holdId: number, result: string): Promise<boolean> {
  const captured = await getDb()
    .update(creditHolds)
    .set({ status: "captured", result, settledAt: sql`now()` })
    .where(and(eq(creditHolds.id, holdId), eq(creditHolds.status, "held")))
    .returning({ id: creditHolds.id });
  return captured.length === 1;
}

/** The work failed or timed out: the credits go back, once, with a `release` ledger row. */
export async function releaseHold(holdId: number): Promise<boolean> {
  return getDb().transaction((tx) => releaseHoldWithin(tx, holdId));
}

/** Releases the open holds that keep a refund's credits aside, in the transaction that takes those credits back. */
export async function releaseRefundHoldsWithin(tx: Transaction, paymentId: string): Promise<void> {
  const open = await tx
    .select({ id: creditHolds.id })
    .from(creditHolds)
    .where(and(eq(creditHolds.paymentId, paymentId), eq(creditHolds.status, "held")));
  for (const hold of open) await releaseHoldWithin(tx, hold.id);
}

export async function releaseHoldWithin(tx: Transaction, holdId: number): Promise<boolean> {
  const [hold] = await tx
    .update(creditHolds)
    .set({ status: "released", settledAt: sql`now()` })
    .where(and(eq(creditHolds.id, holdId), eq(creditHolds.status, "held")))
    .returning();
  if (!hold) return false;
  await applyLedgerEntry(tx, {
    userId: hold.userId,
    delta: hold.amount,
    kind: "release",
    idempotencyKey: holdKey(hold.id),
    paymentId: hold.paymentId ?? undefined,
  });
  return true;
}

export async function getHold(holdId: number): Promise<CreditHold | undefined> {
  const [hold] = await getDb().select().from(creditHolds).where(eq(creditHolds.id, holdId));
  return hold;
}

/**
 * Releases premium-chat holds still open after `olderThanMs`: their request died
 * with its process (a crash, a deploy) between reserve and capture. Returns how
 * many. A refund's hold is never released by age: only PortOne's answer settles
 * it, through syncPayment.
 */
export async function releaseStaleHolds(olderThanMs: number): Promise<number> {
  const stale = await getDb()
    .select({ id: creditHolds.id })
    .from(creditHolds)
    .where(
      and(
        eq(creditHolds.status, "held"),
        isNull(creditHolds.paymentId),
        lt(creditHolds.createdAt, new Date(Date.now() - olderThanMs)),
      ),
    );
  let released = 0;
  for (const hold of stale) if (await releaseHold(hold.id)) released++;
  return released;
}
