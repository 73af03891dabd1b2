import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { autoTopUpSettings, billingKeyDeletions } from "@/db/schema";
import { config } from "@/lib/env";
import { id } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { callPortOne, portoneErrorType } from "@/lib/portone/server";
import { dropCard, lockSettings, retireBillingKey, toView, type AutoTopUpView } from "./settings";

export const registerCardSchema = z.object({ billingKey: id("billingKey is required").max(200) });

export class BillingKeyRefused extends Problem {
  constructor(detail: string) {
    super(400, "BILLING_KEY_INVALID", "This card cannot be saved", detail);
  }
}

/** The facts of a billing key we keep: whether it can be charged, whose it is, and what to show of the card. */
type BillingKeyFacts = { usable: boolean; storeId?: string; customerId?: string; issuer?: string; last4?: string };

const billingKeyInfoSchema = z.looseObject({
  status: z.string(),
  storeId: z.string().optional(),
  customer: z.looseObject({ id: z.string().optional() }).optional(),
  methods: z
    .array(z.looseObject({ type: z.string(), card: z.looseObject({ issuer: z.string().optional(), name: z.string().optional(), number: z.string().optional() }).optional() }))
    .optional(),
});

/** PortOne's word on a billing key; undefined when PortOne does not know it. */
async function fetchBillingKey(billingKey: string): Promise<BillingKeyFacts | undefined> {
  try {
    const info = billingKeyInfoSchema.parse(
      await callPortOne((client) => client.billingKey.getBillingKeyInfo({ billingKey, storeId: config().portone.storeId })),
    );
    const card = info.methods?.find((m) => m.type === "BillingKeyPaymentMethodCard")?.card;
    const digits = card?.number?.replace(/\D/g, "") ?? "";
    return {
      usable: info.status === "ISSUED",
      storeId: info.storeId,
      customerId: info.customer?.id,
      issuer: card?.name ?? card?.issuer,
      last4: digits.length >= 4 && card?.number?.endsWith(digits.slice(-4)) ? digits.slice(-4) : undefined,
    };
  } catch (error) {
    if (portoneErrorType(error) === "BILLING_KEY_NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * contract.md, POST /api/auto-topup/card. The key the browser got from
 * requestIssueBillingKey is kept only after PortOne confirms it is issued, for
 * this store and this customer; a card it replaces is deleted at PortOne.
 */
export async function registerCard(userId: string, billingKey: string): Promise<AutoTopUpView> {
  const facts = await fetchBillingKey(billingKey);
  if (!facts) throw new BillingKeyRefused("PortOne does not know this billing key.");
  if (!facts.usable) throw new BillingKeyRefused("This billing key was deleted at PortOne.");
  if (facts.storeId !== config().portone.storeId) throw new BillingKeyRefused("This billing key belongs to another store.");
  if (facts.customerId !== userId) throw new BillingKeyRefused("This billing key was issued to another customer.");

  const view = await getDb().transaction(async (tx) => {
    const current = await lockSettings(tx, userId);
    if (current.billingKey && current.billingKey !== billingKey) {
      await retireBillingKey(tx, userId, current.billingKey, "REPLACED");
    }
    const [row] = await tx
      .update(autoTopUpSettings)
      .set({
        billingKey,
        cardIssuer: facts.issuer ?? null,
        cardLast4: facts.last4 ?? null,
        cardRegisteredAt: sql`now()`,
        // A new card answers whatever made the old one unusable.
        disabledReason: null,
        updatedAt: sql`now()`,
      })
      .where(eq(autoTopUpSettings.userId, userId))
      .returning();
    return toView(tx, userId, row);
  });
  log.info({ userId }, "auto top-up card registered");
  await deleteRetiredBillingKeys(userId);
  return view;
}

/** contract.md, DELETE /api/auto-topup/card: off at once here; the key's deletion at PortOne follows (and is retried). */
export async function removeCard(userId: string): Promise<AutoTopUpView> {
  const db = getDb();
  const row = await db.transaction((tx) => dropCard(tx, userId, null));
  log.info({ userId }, "auto top-up card removed");
  await deleteRetiredBillingKeys(userId);
  return toView(db, userId, row);
}

/**
 * Deletes queued billing keys at PortOne (one person's, or everyone's for
 * reconciliation). A key PortOne already deleted or never knew counts as done;
 * one PortOne could not delete now stays queued.
 */
export async function deleteRetiredBillingKeys(userId?: string): Promise<{ deleted: number; failed: number }> {
  const db = getDb();
  const queued = await db
    .select()
    .from(billingKeyDeletions)
    .where(userId ? eq(billingKeyDeletions.userId, userId) : undefined)
    .limit(100);
  let deleted = 0;
  let failed = 0;
  for (const q of queued) {
    try {
      await callPortOne((client) =>
        client.billingKey.deleteBillingKey({ billingKey: q.billingKey, storeId: config().portone.storeId, reason: q.reason }),
      );
    } catch (error) {
      const type = portoneErrorType(error);
      if (type !== "BILLING_KEY_ALREADY_DELETED" && type !== "BILLING_KEY_NOT_FOUND") {
        failed++;
        log.warn({ err: error, userId: q.userId }, "billing key not deleted at PortOne yet");
        continue;
      }
    }
    await db.delete(billingKeyDeletions).where(eq(billingKeyDeletions.billingKey, q.billingKey));
    deleted++;
    log.info({ userId: q.userId, reason: q.reason }, "billing key deleted at PortOne");
  }
  return { deleted, failed };
}

/**
 * A BillingKey.* webhook: whatever its body says, PortOne is asked. A saved card
 * whose key PortOne no longer has is taken out of use and auto top-up turned off.
 */
export async function syncBillingKey(billingKey: string): Promise<"processed" | "not-ours"> {
  const db = getDb();
  const [owner] = await db
    .select({ userId: autoTopUpSettings.userId })
    .from(autoTopUpSettings)
    .where(eq(autoTopUpSettings.billingKey, billingKey));
  if (!owner) return "not-ours";
  const facts = await fetchBillingKey(billingKey);
  if (!facts?.usable) {
    await db.transaction(async (tx) => {
      const current = await lockSettings(tx, owner.userId);
      if (current.billingKey === billingKey) await dropCard(tx, owner.userId, "CARD_UNAVAILABLE");
    });
    await deleteRetiredBillingKeys(owner.userId);
  }
  return "processed";
}
