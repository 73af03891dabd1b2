import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database, type Transaction } from "@/db/client";
import { autoTopUpSettings, billingKeyDeletions, payments, type AutoTopUpSettings } from "@/db/schema";
import { id } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { findActivePack } from "@/lib/payments/packs";
import { monthChargedKrw } from "./month";

/** Why the system, not the person, turned auto top-up off. */
export type DisabledReason = "CARD_DECLINED" | "CARD_UNAVAILABLE" | "CHARGE_REFUSED";

export type CardView = { billingKeyLast4?: string; issuer?: string; registeredAt: string };

/** contract.md, GET /api/auto-topup. */
export type AutoTopUpView = {
  enabled: boolean;
  packId: string;
  threshold: number;
  monthlyCapKrw: number;
  monthChargedKrw: number;
  card: CardView | null;
  disabledReason: DisabledReason | null;
};

// What a person who never touched the settings sees: off, the middle pack, a modest cap.
export const DEFAULT_SETTINGS = { packId: "credits-550", threshold: 50, monthlyCapKrw: 30_000 } as const;

export const THRESHOLD_MAX = 100_000;
export const MONTHLY_CAP_MAX_KRW = 1_000_000;

export const autoTopUpUpdateSchema = z.object({
  enabled: z.boolean({ error: "enabled is true or false" }),
  packId: id("packId is required").max(64),
  threshold: z
    .number({ error: "threshold is a number of credits" })
    .int("threshold is a whole number of credits")
    .min(0, "threshold is at least 0")
    .max(THRESHOLD_MAX, `threshold is at most ${THRESHOLD_MAX}`),
  monthlyCapKrw: z
    .number({ error: "monthlyCapKrw is an amount in KRW" })
    .int("monthlyCapKrw is a whole number of won")
    .positive("monthlyCapKrw is above 0")
    .max(MONTHLY_CAP_MAX_KRW, `monthlyCapKrw is at most ${MONTHLY_CAP_MAX_KRW}`),
});

export type AutoTopUpUpdate = z.infer<typeof autoTopUpUpdateSchema>;

export class NoCard extends Problem {
  constructor() {
    super(409, "NO_CARD", "Register a card first", "Auto top-up charges a saved card; register one before turning it on.");
  }
}

export async function findSettings(db: Database | Transaction, userId: string): Promise<AutoTopUpSettings | undefined> {
  const [row] = await db.select().from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, userId));
  return row;
}

/** The row to change, locked; created with the defaults the first time. */
export async function lockSettings(tx: Transaction, userId: string): Promise<AutoTopUpSettings> {
  await tx.insert(autoTopUpSettings).values({ userId, ...DEFAULT_SETTINGS }).onConflictDoNothing();
  const [row] = await tx.select().from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, userId)).for("update");
  return row!;
}

export async function toView(db: Database | Transaction, userId: string, row: AutoTopUpSettings | undefined): Promise<AutoTopUpView> {
  const settings = row ?? { ...DEFAULT_SETTINGS, enabled: false, billingKey: null, cardIssuer: null, cardLast4: null, cardRegisteredAt: null, disabledReason: null };
  return {
    enabled: settings.enabled,
    packId: settings.packId,
    threshold: settings.threshold,
    monthlyCapKrw: settings.monthlyCapKrw,
    monthChargedKrw: await monthChargedKrw(db, userId),
    card:
      settings.billingKey && settings.cardRegisteredAt
        ? {
            ...(settings.cardLast4 ? { billingKeyLast4: settings.cardLast4 } : {}),
            ...(settings.cardIssuer ? { issuer: settings.cardIssuer } : {}),
            registeredAt: settings.cardRegisteredAt.toISOString(),
          }
        : null,
    disabledReason: (settings.disabledReason as DisabledReason | null) ?? null,
  };
}

export async function getAutoTopUp(userId: string, db: Database | Transaction = getDb()): Promise<AutoTopUpView> {
  return toView(db, userId, await findSettings(db, userId));
}

/**
 * Top-ups recorded but not yet sent to PortOne are withdrawn: they become FAILED
 * payments that never reached PortOne. One already sent is left to its sync.
 */
export async function withdrawUnsentTopUps(tx: Transaction, userId: string, why: string): Promise<number> {
  const withdrawn = await tx
    .update(payments)
    .set({ status: "FAILED", failureReason: why, updatedAt: sql`now()` })
    .where(
      and(
        eq(payments.userId, userId),
        eq(payments.trigger, "AUTO_TOPUP"),
        eq(payments.status, "PENDING"),
        isNull(payments.chargeSentAt),
      ),
    )
    .returning({ id: payments.id });
  for (const w of withdrawn) log.info({ paymentId: w.id, userId }, "unsent auto top-up withdrawn");
  return withdrawn.length;
}

/** contract.md, PUT /api/auto-topup. Turning it off withdraws every top-up not yet sent, in the same transaction. */
export async function updateAutoTopUp(userId: string, update: AutoTopUpUpdate): Promise<AutoTopUpView> {
  const pack = await findActivePack(update.packId);
  if (!pack) throw new Problem(400, "UNKNOWN_PACK", "Unknown credit pack", `There is no credit pack "${update.packId}" on sale.`);
  if (update.monthlyCapKrw < pack.price) {
    throw new Problem(
      400,
      "CAP_BELOW_PACK",
      "The monthly cap is below the pack's price",
      `A cap of ₩${update.monthlyCapKrw.toLocaleString("ko-KR")} could never pay for ${pack.name} (₩${pack.price.toLocaleString("ko-KR")}).`,
    );
  }
  return getDb().transaction(async (tx) => {
    const current = await lockSettings(tx, userId);
    if (update.enabled && !current.billingKey) throw new NoCard();
    const [row] = await tx
      .update(autoTopUpSettings)
      .set({
        enabled: update.enabled,
        packId: pack.id,
        threshold: update.threshold,
        monthlyCapKrw: update.monthlyCapKrw,
        // Turning it on again is the person's answer to whatever turned it off.
        disabledReason: update.enabled ? null : current.disabledReason,
        updatedAt: sql`now()`,
      })
      .where(eq(autoTopUpSettings.userId, userId))
      .returning();
    if (!update.enabled) await withdrawUnsentTopUps(tx, userId, "자동 충전을 꺼서 결제하지 않았습니다.");
    log.info({ userId, enabled: update.enabled, packId: pack.id, threshold: update.threshold, cap: update.monthlyCapKrw }, "auto top-up updated");
    return toView(tx, userId, row);
  });
}

/** Queues a billing key for deletion at PortOne (lib/auto-topup/card.ts sends it). */
export async function retireBillingKey(tx: Transaction, userId: string, billingKey: string, reason: string): Promise<void> {
  await tx.insert(billingKeyDeletions).values({ billingKey, userId, reason }).onConflictDoNothing();
}

/**
 * A charge of `billingKey` was refused: the card is dropped (dropCard) only if
 * it is still the one in use, so a decline learnt late never takes a card
 * registered since. An unknown key (PortOne did not say) drops the current card.
 */
export async function dropRefusedCard(tx: Transaction, userId: string, billingKey: string | undefined, reason: DisabledReason): Promise<void> {
  const [row] = await tx.select({ billingKey: autoTopUpSettings.billingKey }).from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, userId)).for("update");
  if (billingKey !== undefined && row?.billingKey !== billingKey) {
    log.info({ userId, reason }, "a refused top-up's card was replaced since; the current card stays");
    return;
  }
  await dropCard(tx, userId, reason);
}

/**
 * Takes the card out of use and turns auto top-up off, withdrawing top-ups not
 * yet sent; the card's key is queued for deletion at PortOne. `reason` is set
 * when the system does it (a refused charge), null when the person removes the card.
 */
export async function dropCard(tx: Transaction, userId: string, reason: DisabledReason | null): Promise<AutoTopUpSettings | undefined> {
  const [row] = await tx.select().from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, userId)).for("update");
  if (!row) return undefined;
  if (row.billingKey) await retireBillingKey(tx, userId, row.billingKey, reason ?? "REMOVED_BY_CUSTOMER");
  const [updated] = await tx
    .update(autoTopUpSettings)
    .set({
      enabled: false,
      disabledReason: reason,
      billingKey: null,
      cardIssuer: null,
      cardLast4: null,
      cardRegisteredAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(autoTopUpSettings.userId, userId))
    .returning();
  await withdrawUnsentTopUps(tx, userId, "자동 충전이 꺼져 결제하지 않았습니다.");
  if (reason) log.warn({ userId, reason }, "auto top-up turned off: the card can no longer be charged");
  return updated;
}
