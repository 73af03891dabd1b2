import { Webhook } from "@portone/server-sdk";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { config } from "@/lib/env";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { deleteRetiredBillingKeys, syncBillingKey } from "@/lib/auto-topup/card";
import { syncPayment } from "./sync";

export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export class WebhookRejected extends Problem {
  constructor(reason: string) {
    super(400, "WEBHOOK_REJECTED", "Webhook not verified", reason);
  }
}

// PortOne V2 (2024-04-25). Only the event's name and ids are read: the state itself comes from PortOne's API.
const eventSchema = z.looseObject({
  type: z.string(),
  data: z.looseObject({ paymentId: z.string().optional(), billingKey: z.string().optional() }).optional(),
});

export type WebhookReceipt = {
  received: true;
  outcome: "processed" | "duplicate" | "not-ours" | "ignored";
  paymentId?: string;
  status?: string;
};

async function verify(rawBody: string, headers: Record<string, string>) {
  try {
    return await Webhook.verify(config().portone.webhookSecret, rawBody, headers);
  } catch (error) {
    if (error instanceof Webhook.WebhookVerificationError) {
      throw new WebhookRejected(Webhook.WebhookVerificationError.getMessage(error.reason));
    }
    if (error instanceof Webhook.InvalidInputError) throw new WebhookRejected(error.message);
    // Verified, but the body is not JSON: no PortOne event looks like that.
    if (error instanceof SyntaxError) throw new WebhookRejected("The body is not JSON.");
    throw error;
  }
}

/**
 * Verifies a PortOne delivery before anything is read or stored, records it by
 * webhook-id, and syncs the payment or billing key it names. A duplicate of a processed delivery
 * changes nothing. Transient failures propagate, so the route answers 5xx and PortOne retries.
 */
export async function receivePortOneWebhook(rawBody: string, headers: Record<string, string>): Promise<WebhookReceipt> {
  const parsed = eventSchema.safeParse(await verify(rawBody, headers));
  if (!parsed.success) throw new WebhookRejected("The body is not a PortOne webhook event.");
  const event = parsed.data;
  const webhookId = headers["webhook-id"]!;
  const paymentId = event.data?.paymentId;

  const db = getDb();
  const recorded = await db
    .insert(webhookEvents)
    .values({ webhookId, type: event.type, paymentId: paymentId ?? null })
    .onConflictDoNothing()
    .returning({ webhookId: webhookEvents.webhookId });
  // Seen before: a duplicate, unless its first delivery failed before it was processed.
  const [earlier] = recorded.length === 0 ? await db.select().from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId)) : [];
  if (earlier?.processedAt) {
    log.info({ webhookId, paymentId }, "duplicate webhook delivery");
    return { received: true, outcome: "duplicate", paymentId };
  }

  let receipt: WebhookReceipt;
  const billingKey = event.data?.billingKey;
  if (paymentId) {
    const result = await syncPayment(paymentId);
    receipt = result.ours
      ? { received: true, outcome: "processed", paymentId, status: result.payment.status }
      : { received: true, outcome: "not-ours", paymentId };
    // A declined top-up queued its card's key for deletion at PortOne.
    if (result.ours && result.payment.trigger === "AUTO_TOPUP") await deleteRetiredBillingKeys(result.payment.userId);
  } else if (billingKey && event.type.startsWith("BillingKey.")) {
    receipt = { received: true, outcome: await syncBillingKey(billingKey) };
  } else {
    receipt = { received: true, outcome: "ignored" };
  }
  await db
    .update(webhookEvents)
    .set({ processedAt: sql`now()`, outcome: receipt.outcome })
    .where(eq(webhookEvents.webhookId, webhookId));
  log.info({ webhookId, type: event.type, ...receipt }, "webhook processed");
  return receipt;
}

/** How long processed deliveries are kept for the console; the payment and its ledger keep the facts. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 180;
const PRUNE_BATCH = 10_000;

/**
 * Deletes processed deliveries older than the retention, at most a batch per
 * call (reconciliation runs it). Deduplication does not need them: a delivery
 * that old fails the signature's timestamp check before its webhook-id is read.
 * Unprocessed ones stay until processed, whatever their age.
 */
export async function pruneWebhookEvents(): Promise<number> {
  const deleted = await getDb().execute<{ webhook_id: string }>(sql`
    delete from webhook_events where webhook_id in (
      select webhook_id from webhook_events
      where processed_at is not null and received_at < now() - make_interval(days => ${WEBHOOK_EVENT_RETENTION_DAYS})
      limit ${PRUNE_BATCH})
    returning webhook_id`);
  return deleted.length;
}
