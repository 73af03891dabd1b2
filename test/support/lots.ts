import { asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { creditLedger, creditLotDraws, creditLots, users, type CreditLotKind } from "@/db/schema";
import { grantFreeCredits } from "@/lib/credits/grants";

/** Every lot of the user (open or not), oldest first. */
export async function lotsOf(userId: string) {
  return getDb().select().from(creditLots).where(eq(creditLots.userId, userId)).orderBy(asc(creditLots.id));
}

/** The lots of one payment, keyed by kind: what is left of each. */
export async function paymentLots(paymentId: string) {
  const rows = await getDb().select().from(creditLots).where(eq(creditLots.paymentId, paymentId));
  const of = (kind: CreditLotKind) => rows.find((r) => r.kind === kind);
  return { paid: of("paid")?.remaining, bonus: of("bonus")?.remaining };
}

/** Credits the payment's revoke and void rows took back, in all. */
export async function takenBack(paymentId: string) {
  const rows = await getDb().select().from(creditLedger).where(eq(creditLedger.paymentId, paymentId));
  return rows.filter((r) => r.kind === "revoke" || r.kind === "void").reduce((sum, r) => sum - r.delta, 0);
}

/** The draws one ledger row made, as [lotId, credits], by lot id. */
export async function drawsOf(entryId: number): Promise<Array<[number, number]>> {
  const rows = await getDb()
    .select({ lotId: creditLotDraws.lotId, credits: creditLotDraws.credits })
    .from(creditLotDraws)
    .where(eq(creditLotDraws.ledgerEntryId, entryId))
    .orderBy(asc(creditLotDraws.lotId));
  return rows.map((r) => [r.lotId, r.credits]);
}

/** The draws made against any lot of the given ids, as [ledgerEntryId, lotId, credits]. */
export async function drawsOnLots(lotIds: number[]) {
  return getDb().select().from(creditLotDraws).where(inArray(creditLotDraws.lotId, lotIds)).orderBy(asc(creditLotDraws.id));
}

export async function debtOf(userId: string): Promise<number> {
  const [row] = await getDb().select({ debt: users.creditDebt }).from(users).where(eq(users.id, userId));
  return row!.debt;
}

const DAY_MS = 86_400_000;

/**
 * Gives the user a lot as an operator would, then moves its expiry to `expiresInDays`
 * from now (negative: already past) and, when given, its grant time. Returns the lot's id.
 */
export async function grantLot(
  userId: string,
  lot: { credits: number; kind?: CreditLotKind; expiresInDays: number; grantedDaysAgo?: number; key?: string },
): Promise<number> {
  const key = lot.key ?? `lot-${Math.random().toString(36).slice(2)}`;
  await getDb().transaction((tx) => grantFreeCredits(tx, { userId, credits: lot.credits, idempotencyKey: key, kind: lot.kind }));
  const [row] = await getDb()
    .select({ id: creditLots.id })
    .from(creditLots)
    .where(eq(creditLots.userId, userId))
    .orderBy(sql`${creditLots.id} desc`)
    .limit(1);
  await setLotTimes(row!.id, { expiresInDays: lot.expiresInDays, grantedDaysAgo: lot.grantedDaysAgo });
  return row!.id;
}

export async function setLotTimes(lotId: number, times: { expiresInDays?: number; grantedDaysAgo?: number; expiresAt?: Date }) {
  const now = Date.now();
  await getDb()
    .update(creditLots)
    .set({
      ...(times.expiresAt ? { expiresAt: times.expiresAt } : {}),
      ...(times.expiresInDays !== undefined ? { expiresAt: new Date(now + times.expiresInDays * DAY_MS) } : {}),
      ...(times.grantedDaysAgo !== undefined ? { grantedAt: new Date(now - times.grantedDaysAgo * DAY_MS) } : {}),
    })
    .where(eq(creditLots.id, lotId));
}
