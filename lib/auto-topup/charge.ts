import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { autoTopUpSettings, payments, type Payment } from "@/db/schema";
import { log } from "@/lib/log";
import { syncPayment } from "@/lib/payments/sync";
import { callPortOne, portoneErrorType, PortOneUnavailable } from "@/lib/portone/server";
import { deleteRetiredBillingKeys } from "./card";
import { dropRefusedCard, type DisabledReason } from "./settings";

/** What became of one attempt to send a top-up's charge. */
export type ChargeOutcome = "sent" | "refused" | "unknown" | "withdrawn" | "not-due";

// Longer than any PortOne call may take (lib/portone/server.ts), so a charge sent this long ago is not still on its way.
const SENT_SETTLES_AFTER_MS = 60_000;
// The in-process sender has had its chance to send an intent this old.
const INTENT_LEFT_BEHIND_AFTER_MS = 30_000;

type Claim = { payment: Payment; billingKey: string } | { outcome: "withdrawn" | "not-due" };

/**
 * Marks the top-up as sent, under the person's settings (shared) and the
 * payment's row lock: a top-up is sent at most once by any number of senders,
 * and never after auto top-up was turned off. `resend` claims one whose earlier
 * send PortOne never received (it does not know the payment).
 */
async function claimCharge(paymentId: string, resend: boolean): Promise<Claim> {
  const db = getDb();
  const [known] = await db.select({ userId: payments.userId }).from(payments).where(eq(payments.id, paymentId));
  if (!known) return { outcome: "not-due" };
  // Lock order as everywhere in this module: settings, then payment.
  return db.transaction(async (tx): Promise<Claim> => {
    const [settings] = await tx.select().from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, known.userId)).for("share");
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!payment || payment.trigger !== "AUTO_TOPUP" || payment.status !== "PENDING") return { outcome: "not-due" };
    if ((payment.chargeSentAt !== null) !== resend) return { outcome: "not-due" };
    if (!settings?.enabled || !settings.billingKey) {
      await tx
        .update(payments)
        .set({ status: "FAILED", failureReason: "자동 충전이 꺼져 결제하지 않았습니다.", updatedAt: sql`now()` })
        .where(eq(payments.id, paymentId));
      log.info({ paymentId }, "auto top-up withdrawn before it was sent");
      return { outcome: "withdrawn" };
    }
    const [claimed] = await tx
      .update(payments)
      .set({ chargeSentAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(payments.id, paymentId))
      .returning();
    return { payment: claimed!, billingKey: settings.billingKey };
  });
}

/** PortOne's definite no, as the reason auto top-up is turned off; undefined when PortOne did not decide. */
function refusalOf(error: unknown): DisabledReason | undefined {
  if (error instanceof PortOneUnavailable) {
    // A PG's decline reaches us as PortOne's PG_PROVIDER error; anything else unavailable decided nothing.
    return portoneErrorType(error.cause) === "PG_PROVIDER" ? "CARD_DECLINED" : undefined;
  }
  const type = portoneErrorType(error);
  if (type === undefined || type === "ALREADY_PAID") return undefined;
  if (type === "BILLING_KEY_NOT_FOUND" || type === "BILLING_KEY_ALREADY_DELETED") return "CARD_UNAVAILABLE";
  return "CHARGE_REFUSED";
}

/**
 * Settles a sent top-up from PortOne's word (syncPayment: it alone grants
 * credits, and a FAILED top-up turns auto top-up off there). A refusal PortOne
 * kept no payment for is recorded here: the payment FAILED, auto top-up off.
 */
async function settleCharge(payment: Payment, billingKey: string, refusal: DisabledReason | undefined): Promise<ChargeOutcome> {
  const result = await syncPayment(payment.id);
  if (refusal && result.ours && result.payment.status === "PENDING" && !result.found) {
    await getDb().transaction(async (tx) => {
      const [failed] = await tx
        .update(payments)
        .set({ status: "FAILED", failureReason: `PortOne이 결제를 거절했습니다 (${refusal}).`, updatedAt: sql`now()` })
        .where(and(eq(payments.id, payment.id), eq(payments.status, "PENDING")))
        .returning({ id: payments.id });
      if (failed) await dropRefusedCard(tx, payment.userId, billingKey, refusal);
    });
  }
  await deleteRetiredBillingKeys(payment.userId);
  return refusal ? "refused" : "sent";
}

/**
 * Sends one recorded top-up to PortOne with the saved card, under its own
 * paymentId, and settles it. Outside any spender's request: right after the
 * response (next/server's after), or from reconciliation for one left behind.
 * An outcome PortOne did not give (a timeout) stays PENDING for the same
 * paymentId's sync to settle; it is never sent under a new one.
 */
export async function chargeAutoTopUp(paymentId: string, options: { resend?: boolean } = {}): Promise<ChargeOutcome> {
  const claim = await claimCharge(paymentId, options.resend ?? false);
  if ("outcome" in claim) return claim.outcome;
  const { payment, billingKey } = claim;
  let refusal: DisabledReason | undefined;
  try {
    await callPortOne((client) =>
      client.payWithBillingKey({
        paymentId: payment.id,
        billingKey,
        orderName: payment.orderName,
        customer: { id: payment.userId },
        amount: { total: payment.amount },
        currency: "KRW",
      }),
    );
    log.info({ paymentId, userId: payment.userId, amount: payment.amount }, "auto top-up charged");
  } catch (error) {
    refusal = refusalOf(error);
    if (!refusal) {
      log.warn({ err: error, paymentId }, "auto top-up sent; PortOne's answer is unknown, reconciliation settles it");
      return "unknown";
    }
    log.warn({ err: error, paymentId, refusal }, "auto top-up refused");
  }
  try {
    return await settleCharge(payment, billingKey, refusal);
  } catch (error) {
    log.warn({ err: error, paymentId }, "auto top-up sent; its sync failed, reconciliation settles it");
    return "unknown";
  }
}

export type TopUpSweep = { sent: number; resent: number; withdrawn: number; keysDeleted: number };

/**
 * Reconciliation's part: top-ups recorded but never sent (a crash or deploy
 * between the spend and the send) are sent or withdrawn; sent ones PortOne
 * never received are sent again under the same paymentId (PortOne answers
 * ALREADY_PAID to a second charge of one payment); queued key deletions retried.
 * Sent top-ups PortOne did receive are settled by the ordinary payment sync.
 */
export async function sweepAutoTopUps(): Promise<TopUpSweep> {
  const db = getDb();
  const sweep: TopUpSweep = { sent: 0, resent: 0, withdrawn: 0, keysDeleted: 0 };
  const pending = await db
    .select({ id: payments.id, chargeSentAt: payments.chargeSentAt })
    .from(payments)
    .where(
      and(
        eq(payments.trigger, "AUTO_TOPUP"),
        eq(payments.status, "PENDING"),
        sql`coalesce(${payments.chargeSentAt}, ${payments.createdAt}) < now() - make_interval(secs => ${
          // An unsent intent is left behind sooner than a sent charge settles.
          INTENT_LEFT_BEHIND_AFTER_MS / 1000
        })`,
      ),
    )
    .orderBy(asc(payments.createdAt))
    .limit(100);
  for (const p of pending) {
    try {
      if (p.chargeSentAt === null) {
        const outcome = await chargeAutoTopUp(p.id);
        if (outcome === "withdrawn") sweep.withdrawn++;
        else if (outcome !== "not-due") sweep.sent++;
        continue;
      }
      if (Date.now() - p.chargeSentAt.getTime() < SENT_SETTLES_AFTER_MS) continue;
      const synced = await syncPayment(p.id);
      if (synced.ours && synced.payment.status === "PENDING" && !synced.found) {
        const outcome = await chargeAutoTopUp(p.id, { resend: true });
        if (outcome === "withdrawn") sweep.withdrawn++;
        else if (outcome !== "not-due") sweep.resent++;
      }
    } catch (error) {
      log.warn({ err: error, paymentId: p.id }, "reconciliation could not settle an auto top-up");
    }
  }
  sweep.keysDeleted = (await deleteRetiredBillingKeys()).deleted;
  return sweep;
}
