import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { PortOneUnavailable } from "@/lib/portone/server";
import { databaseNow } from "./queries";
import { syncPayment } from "./sync";

/*
 * Completes of one payment share their PortOne reads, on every instance, under one rule:
 * a complete is answered only by a read that BEGAN AFTER THE COMPLETE ARRIVED.
 *
 * The browser calls complete right after PortOne told it the payment went through. A
 * read that began before the complete arrived may have begun before that payment, and
 * would answer a stale PENDING; a read that began after it cannot have. So a complete
 * never takes an older read, however young, nor joins a read already in flight when it
 * arrived: it waits for that read to end and takes the next one, which every complete
 * that arrived meanwhile shares. Completes arriving together therefore cost at most two
 * reads (the one in flight and the next), and at most one read of a payment is in flight
 * at a time across all instances. Completes made one after another each read; the
 * per-account limit bounds those.
 *
 * All instances agree through the payment's row: `complete_read_claimed_at` is the read
 * in flight (claimed by one conditional update, so one instance reads), and
 * `complete_read_at` is when the latest applied read began. Times are the database's
 * (`databaseNow`, whole milliseconds), so a read counts as later than an arrival only
 * when it began in a later millisecond.
 * Webhooks and reconciliation do not come through here: they always read afresh.
 */

// Longer than a read can take (PortOne's 10 s timeout plus a short transaction): an older claim was left by a crashed instance.
const CLAIM_LEASE_SECONDS = 30;
const POLL_MS = 50;

type ReadOutcome = { startedAt: Date; ok: true } | { startedAt: Date; ok: false; error: unknown };

// This instance's read of each payment, shared by its completes: at most one per payment.
const reads = new Map<string, Promise<ReadOutcome>>();

/**
 * Returns once a PortOne read of the payment that began after `arrivedAt` (the
 * database's time when the complete arrived) has been applied to the payment's row,
 * or throws what that read failed with.
 */
export async function readPaymentAfter(paymentId: string, arrivedAt: Date): Promise<void> {
  for (;;) {
    let read = reads.get(paymentId);
    if (!read) {
      read = readOnce(paymentId).finally(() => reads.delete(paymentId));
      reads.set(paymentId, read);
    }
    const outcome = await read;
    if (outcome.startedAt > arrivedAt) {
      if (!outcome.ok) throw outcome.error;
      return;
    }
  }
}

/** One read of the payment: this instance's own, or the one another instance had in flight. */
async function readOnce(paymentId: string): Promise<ReadOutcome> {
  for (;;) {
    const claimed = await claimRead(paymentId);
    if (claimed) return readClaimed(paymentId, claimed);
    const other = await otherInstanceRead(paymentId);
    if (other) return other;
  }
}

const leaseExpired = sql<boolean>`${payments.completeReadClaimedAt} < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})`;

async function claimRead(paymentId: string): Promise<Date | undefined> {
  const [row] = await getDb()
    .update(payments)
    .set({ completeReadClaimedAt: databaseNow })
    .where(and(eq(payments.id, paymentId), or(isNull(payments.completeReadClaimedAt), leaseExpired)))
    .returning({ claimedAt: payments.completeReadClaimedAt });
  return row?.claimedAt ?? undefined;
}

async function readClaimed(paymentId: string, startedAt: Date): Promise<ReadOutcome> {
  const mine = and(eq(payments.id, paymentId), eq(payments.completeReadClaimedAt, startedAt));
  try {
    await syncPayment(paymentId);
  } catch (error) {
    await getDb().update(payments).set({ completeReadClaimedAt: null }).where(mine);
    return { startedAt, ok: false, error };
  }
  await getDb().update(payments).set({ completeReadClaimedAt: null, completeReadAt: startedAt }).where(mine);
  return { startedAt, ok: true };
}

/** Waits out the read another instance has in flight; undefined when there is none to wait for (any more). */
async function otherInstanceRead(paymentId: string): Promise<ReadOutcome | undefined> {
  let awaited: Date | undefined;
  for (;;) {
    const [row] = await getDb()
      .select({ claimedAt: payments.completeReadClaimedAt, readAt: payments.completeReadAt, expired: leaseExpired })
      .from(payments)
      .where(eq(payments.id, paymentId));
    if (!row || row.expired) return undefined;
    if (awaited && row.claimedAt?.getTime() !== awaited.getTime()) {
      if (row.readAt && row.readAt >= awaited) return { startedAt: awaited, ok: true };
      return { startedAt: awaited, ok: false, error: new PortOneUnavailable(new Error("the instance reading this payment got no answer")) };
    }
    if (!row.claimedAt) return undefined;
    awaited = row.claimedAt;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
