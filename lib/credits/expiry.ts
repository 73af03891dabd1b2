import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditHolds, creditLotDraws, creditLots } from "@/db/schema";
import { log } from "@/lib/log";
import { applyLedgerEntry } from "./ledger";
import { lockUser } from "./lots";

/** A lot some open hold has drawn from: it waits until that hold is settled, so a release never lands in an expired lot. */
const drawnByOpenHold = sql<boolean>`exists (
  select 1 from ${creditLotDraws} d join ${creditHolds} h on h.reserve_entry_id = d.ledger_entry_id
  where d.lot_id = ${creditLots.id} and h.status = 'held')`;

/**
 * Takes one lot's unused credits off the balance if it is past its expiry: one
 * `expire` ledger row keyed by the lot, so a lot expires once however often
 * this runs, concurrently or not. Returns the credits expired.
 */
async function expireLot(lot: { id: number; userId: string }, now: Date): Promise<number> {
  return getDb().transaction(async (tx) => {
    await lockUser(tx, lot.userId);
    const [open] = await tx
      .select({ remaining: creditLots.remaining })
      .from(creditLots)
      .where(and(eq(creditLots.id, lot.id), gt(creditLots.remaining, 0), lte(creditLots.expiresAt, now), sql`not ${drawnByOpenHold}`));
    if (!open) return 0;
    const expired = await applyLedgerEntry(tx, { userId: lot.userId, delta: -open.remaining, kind: "expire", idempotencyKey: `expire:${lot.id}` });
    await tx.update(creditLots).set({ remaining: 0 }).where(eq(creditLots.id, lot.id));
    await tx.insert(creditLotDraws).values({ ledgerEntryId: expired.entryId, lotId: lot.id, credits: open.remaining });
    return open.remaining;
  });
}

/** Expires every lot past its time (`npm run credits:expire`, and each reconciliation run). */
export async function expireCreditLots(now = new Date(), batchSize = 500): Promise<{ lots: number; credits: number }> {
  let lots = 0;
  let credits = 0;
  let after = 0;
  for (;;) {
    const due = await getDb()
      .select({ id: creditLots.id, userId: creditLots.userId })
      .from(creditLots)
      .where(and(gt(creditLots.remaining, 0), lte(creditLots.expiresAt, now), gt(creditLots.id, after)))
      .orderBy(asc(creditLots.id))
      .limit(batchSize);
    for (const lot of due) {
      const expired = await expireLot(lot, now);
      if (expired > 0) {
        lots++;
        credits += expired;
        log.info({ lotId: lot.id, userId: lot.userId, credits: expired }, "credit lot expired");
      }
    }
    if (due.length < batchSize) return { lots, credits };
    after = due.at(-1)!.id;
  }
}
