import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { creditHolds, paymentRefunds } from "@/db/schema";
import { releaseHoldWithin } from "@/lib/credits/holds";
import { log } from "@/lib/log";
import type { PortOnePaymentSnapshot } from "./portone-payment";

/**
 * How long after a refund's hold was taken PortOne may still act on its cancel
 * request. Our own call gives up after 10 s, but PortOne can finish the cancel
 * after that; a hold younger than this is never released on PortOne's word that
 * nothing was cancelled, since that word may predate the cancel.
 */
export const REFUND_ANSWER_WINDOW_MS = 10 * 60_000;

/**
 * Releases the refund holds of a payment whose refund did not happen: PortOne
 * shows no cancellation under way, and the window in which an unanswered cancel
 * request could still succeed has passed. A cancellation that did happen
 * releases its hold with the revoke instead (sync's revokeCancelled).
 */
export async function releaseUnfulfilledRefundHolds(
  tx: Transaction,
  paymentId: string,
  snapshot: PortOnePaymentSnapshot,
): Promise<number> {
  if (snapshot.cancellations?.some((c) => c.status === "REQUESTED")) return 0;
  const expired = await tx
    .select({ id: creditHolds.id })
    .from(creditHolds)
    .where(
      and(
        eq(creditHolds.paymentId, paymentId),
        eq(creditHolds.status, "held"),
        lt(creditHolds.createdAt, new Date(Date.now() - REFUND_ANSWER_WINDOW_MS)),
      ),
    );
  let released = 0;
  for (const hold of expired) {
    if (!(await releaseHoldWithin(tx, hold.id))) continue;
    released++;
    // Closed: should PortOne report a cancellation after all, it is taken in proportion like any other.
    await tx
      .update(paymentRefunds)
      .set({ outcome: "lapsed", settledAt: sql`now()` })
      .where(and(eq(paymentRefunds.holdId, hold.id), isNull(paymentRefunds.outcome)));
  }
  if (released > 0) log.info({ paymentId, released }, "refund never reached PortOne; its held credits are released");
  return released;
}
