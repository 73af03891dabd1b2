import { and, desc, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { payments, type PaymentStatus } from "@/db/schema";
import { releaseStaleHolds } from "@/lib/credits/holds";
import { config } from "@/lib/env";
import { log } from "@/lib/log";
import { syncPayment } from "./sync";

export type ReconcileOptions = {
  /** Only payments untouched for this long: younger ones are still in their checkout. */
  minAgeMs: number;
  /** Nor older than this: an order abandoned at the checkout would otherwise be asked about forever. */
  maxAgeMs: number;
  batchSize: number;
  maxBatches: number;
};

export type ReconcileReport = {
  /** Premium-chat holds whose request died before it captured or released them. */
  releasedHolds: number;
  checked: number;
  changed: Array<{ paymentId: string; from: PaymentStatus; to: PaymentStatus; granted: boolean }>;
  failed: Array<{ paymentId: string; error: string }>;
  complete: boolean;
};

// FAILED too: a failed attempt may be paid again under the same paymentId, and that webhook can be lost as well.
const OPEN: PaymentStatus[] = ["PENDING", "VIRTUAL_ACCOUNT_ISSUED", "FAILED"];

// Microseconds since the epoch: a JavaScript Date keeps milliseconds only, too coarse for a keyset over timestamps.
const touchedAtUs = sql<string>`(extract(epoch from ${payments.updatedAt}) * 1000000)::bigint`;

/**
 * Re-syncs payments left PENDING, VIRTUAL_ACCOUNT_ISSUED or FAILED, so a lost webhook
 * never loses a payment, and gives back credits held by requests that died.
 * Walks them newest first, one bounded batch at a time, so that when more are
 * open than one run may check, the ones whose buyers are still waiting come
 * first. Safe beside webhooks and beside another run, since syncPayment is.
 */
export async function reconcilePayments(options: ReconcileOptions = config().reconcile): Promise<ReconcileReport> {
  const report: ReconcileReport = { releasedHolds: 0, checked: 0, changed: [], failed: [], complete: false };
  // Far longer than any answer may take (CHAT_TIMEOUT_MS), so no live request loses its hold.
  report.releasedHolds = await releaseStaleHolds(Math.max(10 * 60_000, 2 * config().chat.timeoutMs));
  const youngest = new Date(Date.now() - options.minAgeMs);
  const oldest = new Date(Date.now() - options.maxAgeMs);
  let after: { touchedAtUs: string; id: string } | undefined;
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const open = await getDb()
      .select({ id: payments.id, status: payments.status, touchedAtUs })
      .from(payments)
      .where(
        and(
          inArray(payments.status, OPEN),
          lt(payments.updatedAt, youngest),
          gt(payments.updatedAt, oldest),
          after ? sql`(${touchedAtUs}, ${payments.id}) < (${after.touchedAtUs}::bigint, ${after.id})` : undefined,
        ),
      )
      .orderBy(desc(touchedAtUs), desc(payments.id))
      .limit(options.batchSize);
    for (const p of open) {
      report.checked++;
      try {
        const result = await syncPayment(p.id);
        if (result.ours && result.payment.status !== p.status) {
          report.changed.push({ paymentId: p.id, from: p.status, to: result.payment.status, granted: result.granted });
        }
      } catch (error) {
        report.failed.push({ paymentId: p.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (open.length < options.batchSize) {
      report.complete = true;
      break;
    }
    after = open.at(-1)!;
  }
  log.info({ checked: report.checked, changed: report.changed.length, failed: report.failed.length }, "reconciliation run");
  return report;
}
