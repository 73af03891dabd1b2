import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db/client";
import { creditHolds, users, type CreditHold } from "@/db/schema";
import { InsufficientCredits } from "./errors";
import { applyLedgerEntry } from "./ledger";
import { drawLots, returnDraws } from "./lots";

export const holdKey = (holdId: number) => `hold:${holdId}`;

export type Reservation = { hold: CreditHold; created: boolean; balanceAfter: number };

/**
 * Reserves credits for work that is paid only if it succeeds. The first request
 * with a key creates the hold, debits the balance only if it covers the amount
 * (a `reserve` ledger row, drawing lots in the spending order); any repeat gets
 * the same hold back and is not charged again.
 */
export async function reserveCredits(r: { userId: string; amount: number; idempotencyKey: string }): Promise<Reservation> {
  return getDb().transaction(async (tx) => {
    const [hold] = await tx
      .insert(creditHolds)
      .values({ userId: r.userId, idempotencyKey: r.idempotencyKey, amount: r.amount })
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
    const [debited] = await tx.execute<{ entry_id: string; balance_after: string }>(
      sql`select * from debit_credits(${r.userId}::uuid, ${r.amount}::bigint, 'reserve', ${holdKey(hold.id)})`,
    );
    if (!debited) {
      const [current] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, r.userId));
      throw new InsufficientCredits(r.amount, current?.balance ?? 0);
    }
    const [reserved] = await tx
      .update(creditHolds)
      .set({ reserveEntryId: Number(debited.entry_id) })
      .where(eq(creditHolds.id, hold.id))
      .returning();
    return { hold: reserved!, created: true, balanceAfter: Number(debited.balance_after) };
  });
}

/**
 * Holds exactly a payment's own unused credits for its refund, inside the
 * refund's transaction, which holds the payment's and the user's row locks and
 * has read those credits under them. Nothing can spend them while PortOne
 * cancels; syncPayment takes them for good once it has.
 */
export async function holdPaymentCredits(
  tx: Transaction,
  h: { userId: string; paymentId: string; paidCredits: number; bonusCredits: number; idempotencyKey: string },
): Promise<CreditHold> {
  const amount = h.paidCredits + h.bonusCredits;
  const [hold] = await tx
    .insert(creditHolds)
    .values({ userId: h.userId, idempotencyKey: h.idempotencyKey, amount, paymentId: h.paymentId })
    .returning();
  const reserved = await applyLedgerEntry(tx, {
    userId: h.userId,
    delta: -amount,
    kind: "reserve",
    idempotencyKey: holdKey(hold!.id),
    paymentId: h.paymentId,
  });
  const draw = (kind: "paid" | "bonus", credits: number) =>
    drawLots(tx, { entryId: reserved.entryId, userId: h.userId, amount: credits, paymentId: h.paymentId, kind });
  if ((await draw("paid", h.paidCredits)) !== h.paidCredits || (await draw("bonus", h.bonusCredits)) !== h.bonusCredits) {
    throw new Error(`payment ${h.paymentId}'s lots no longer hold the credits its refund was quoted`);
  }
  const [held] = await tx.update(creditHolds).set({ reserveEntryId: reserved.entryId }).where(eq(creditHolds.id, hold!.id)).returning();
  return held!;
}

/** The work succeeded: the reserved credits stay spent, and its result is kept for repeats. */
export async function captureHold(holdId: number, result: string): Promise<boolean> {
  return captureHoldWithin(getDb(), holdId, result);
}

/** The same inside a transaction, for work whose result is stored with its charge. */
export async function captureHoldWithin(db: Database | Transaction, holdId: number, result: string): Promise<boolean> {
  const captured = await db
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
  if (hold.reserveEntryId === null) throw new Error(`hold ${hold.id} has no reserve row to give back`);
  const released = await applyLedgerEntry(tx, {
    userId: hold.userId,
    delta: hold.amount,
    kind: "release",
    idempotencyKey: holdKey(hold.id),
    paymentId: hold.paymentId ?? undefined,
  });
  await returnDraws(tx, {
    fromEntryId: hold.reserveEntryId,
    toEntryId: released.entryId,
    userId: hold.userId,
    debt: released.debt,
    // A refund's own hold goes back to be taken by its revoke; anything else must not refill a refunded payment.
    voidRefundedKey: hold.paymentId === null ? holdKey(hold.id) : undefined,
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
