import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditHolds, payments, type PaymentStatus } from "@/db/schema";
import { sweepAutoTopUps, type TopUpSweep } from "@/lib/auto-topup/charge";
import { expireCreditLots } from "@/lib/credits/expiry";
import { releaseStaleHolds } from "@/lib/credits/holds";
import { config } from "@/lib/env";
import { pruneRateLimits } from "@/lib/http/rate-limit";
import { log } from "@/lib/log";
import { REFUNDABLE_DAYS } from "./refund-quote";
import { syncPayment } from "./sync";
import { pruneWebhookEvents } from "./webhook";

export type ReconcileOptions = {
  /** Only payments untouched for this long: younger ones are still in their checkout. */
  minAgeMs: number;
  /** Nor older than this: an order abandoned at the checkout would otherwise be asked about forever. */
  maxAgeMs: number;
  batchSize: number;
  maxBatches: number;
  /** Paid payments within their refund window re-checked per run, least recently checked first (RECONCILE_PAID_RECHECKS). */
  paidRechecks: number;
};

export type ReconcileReport = {
  /** Premium-chat holds whose request died before it captured or released them. */
  releasedHolds: number;
  /** Abuse-limit counters whose window had ended. */
  prunedRateLimits: number;
  prunedWebhookEvents: number;
  /** Credit lots past their expiry, and the credits they still held. */
  expiredLots: number;
  expiredCredits: number;
  /** Auto top-ups left behind by a crash or a lost answer, and billing keys still to delete at PortOne. */
  autoTopUps: TopUpSweep;
  checked: number;
  /** Of those, paid payments re-checked only because a cancellation could have been missed. */
  paidRechecked: number;
  changed: Array<{ paymentId: string; from: PaymentStatus; to: PaymentStatus; granted: boolean }>;
  failed: Array<{ paymentId: string; error: string }>;
  complete: boolean;
};

// FAILED too: a failed attempt may be paid again under the same paymentId, and that webhook can be lost as well.
const OPEN: PaymentStatus[] = ["PENDING", "VIRTUAL_ACCOUNT_ISSUED", "FAILED"];
// A refund was asked for and its cancellation may not have been seen yet.
const REFUNDABLE: PaymentStatus[] = ["PAID", "PARTIAL_CANCELLED"];

/**
 * The payments whose state PortOne may know better than we do: open ones within
 * the age window, paid ones whose refund was asked for recently, and any payment
 * whose refund still holds credits (whatever its age: those credits wait on it).
 */
function needsChecking(options: ReconcileOptions) {
  const youngest = new Date(Date.now() - options.minAgeMs);
  const oldest = new Date(Date.now() - options.maxAgeMs);
  const refundHeld = getDb()
    .select({ paymentId: creditHolds.paymentId })
    .from(creditHolds)
    .where(and(eq(creditHolds.status, "held"), isNotNull(creditHolds.paymentId)));
  return or(
    and(inArray(payments.status, OPEN), lt(payments.updatedAt, youngest), gt(payments.updatedAt, oldest)),
    and(inArray(payments.status, REFUNDABLE), gt(payments.refundRequestedAt, oldest)),
    inArray(payments.id, refundHeld),
  );
}

/** Syncs one payment, noting what changed, and stamps it checked (answered or not) so later batches and runs move on. */
async function checkPayment(p: { id: string; status: PaymentStatus }, report: ReconcileReport): Promise<void> {
  report.checked++;
  try {
    const result = await syncPayment(p.id);
    if (result.ours && result.payment.status !== p.status) {
      report.changed.push({ paymentId: p.id, from: p.status, to: result.payment.status, granted: result.granted });
    }
  } catch (error) {
    report.failed.push({ paymentId: p.id, error: error instanceof Error ? error.message : String(error) });
  }
  await getDb().update(payments).set({ lastCheckedAt: sql`now()` }).where(eq(payments.id, p.id));
}

/**
 * Re-syncs every payment PortOne may know better about (see needsChecking), so
 * a lost webhook never loses a payment or leaves a refund's credits usable, and
 * gives back chat credits held by requests that died. Takes the least recently
 * checked first (a payment never checked counts from its creation), in bounded
 * batches, so a flood of new orders cannot hide an old one: each run goes on
 * where the previous ones left off. Safe beside webhooks and beside another run,
 * since syncPayment is.
 */
export async function reconcilePayments(options: ReconcileOptions = config().reconcile): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    releasedHolds: 0,
    prunedRateLimits: 0,
    prunedWebhookEvents: 0,
    expiredLots: 0,
    expiredCredits: 0,
    autoTopUps: { sent: 0, resent: 0, withdrawn: 0, keysDeleted: 0 },
    checked: 0,
    paidRechecked: 0,
    changed: [],
    failed: [],
    complete: false,
  };
  // Far longer than any answer may take (CHAT_TIMEOUT_MS), so no live request loses its hold.
  report.releasedHolds = await releaseStaleHolds(Math.max(10 * 60_000, 2 * config().chat.timeoutMs));
  report.prunedRateLimits = await pruneRateLimits();
  report.prunedWebhookEvents = await pruneWebhookEvents();
  const expired = await expireCreditLots();
  report.expiredLots = expired.lots;
  report.expiredCredits = expired.credits;
  report.autoTopUps = await sweepAutoTopUps();
  const db = getDb();
  // The database's clock, which also stamps last_checked_at: what this run checked drops out of later batches.
  const [clock] = await db.execute<{ now: string }>(sql`select now()::text as now`);
  const runStartedAt = clock!.now;
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const due = await db
      .select({ id: payments.id, status: payments.status })
      .from(payments)
      .where(
        and(
          needsChecking(options),
          or(isNull(payments.lastCheckedAt), lt(payments.lastCheckedAt, sql`${runStartedAt}::timestamptz`)),
        ),
      )
      .orderBy(asc(sql`coalesce(${payments.lastCheckedAt}, ${payments.createdAt})`), asc(payments.id))
      .limit(options.batchSize);
    for (const p of due) await checkPayment(p, report);
    if (due.length < options.batchSize) {
      report.complete = true;
      break;
    }
  }
  // Paid and within the refund window: PortOne's console may have cancelled it while every webhook was lost.
  if (options.paidRechecks > 0) {
    const paid = await db
      .select({ id: payments.id, status: payments.status })
      .from(payments)
      .where(
        and(
          inArray(payments.status, REFUNDABLE),
          gt(payments.paidAt, sql`now() - make_interval(days => ${REFUNDABLE_DAYS}::integer)`),
          or(isNull(payments.lastCheckedAt), lt(payments.lastCheckedAt, sql`${runStartedAt}::timestamptz`)),
        ),
      )
      .orderBy(asc(sql`coalesce(${payments.lastCheckedAt}, ${payments.createdAt})`), asc(payments.id))
      .limit(options.paidRechecks);
    for (const p of paid) await checkPayment(p, report);
    report.paidRechecked = paid.length;
  }
  for (const f of report.failed) log.warn({ paymentId: f.paymentId, error: f.error }, "reconciliation could not check a payment");
  log.info(
    {
      checked: report.checked,
      paidRechecked: report.paidRechecked,
      changed: report.changed.length,
      failed: report.failed.length,
      complete: report.complete,
      releasedHolds: report.releasedHolds,
      prunedRateLimits: report.prunedRateLimits,
      prunedWebhookEvents: report.prunedWebhookEvents,
      expiredLots: report.expiredLots,
      autoTopUps: report.autoTopUps,
    },
    "reconciliation run",
  );
  return report;
}
