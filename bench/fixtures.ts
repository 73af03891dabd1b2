import { randomUUID } from "node:crypto";
import { PaymentClient } from "@portone/server-sdk";
import { encode } from "next-auth/jwt";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { getDb } from "@/db/client";
import { payments, users } from "@/db/schema";
import { grantFreeCredits } from "@/lib/credits/grants";
import { applyLedgerEntry } from "@/lib/credits/ledger";
import { drawLots, grantLots } from "@/lib/credits/lots";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";

/** Runs `task` over `items`, at most `width` at a time. */
export async function inBatches<T>(items: T[], width: number, task: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

export async function createUsers(count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({ email: `bench-${randomUUID()}@example.com`, passwordHash: "bench" }));
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await getDb().insert(users).values(rows.slice(i, i + 500)).returning({ id: users.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Orders of the 550 pack in our database, paid at the sandbox: what a webhook or a complete call then syncs. */
export async function paidOrders(sandboxUrl: string, userIds: string[], count: number): Promise<Array<{ paymentId: string; userId: string }>> {
  const portone = PaymentClient({ secret: SANDBOX_DEFAULTS.apiSecret, baseUrl: sandboxUrl });
  const orders = Array.from({ length: count }, (_, i) => ({ paymentId: `bench-${randomUUID()}`, userId: userIds[i % userIds.length]! }));
  for (let i = 0; i < orders.length; i += 500) {
    await getDb()
      .insert(payments)
      .values(
        orders.slice(i, i + 500).map((o) => ({
          id: o.paymentId,
          userId: o.userId,
          packId: "credits-550",
          orderName: "AInfo 550 크레딧",
          credits: 550,
          paidCredits: 500,
          bonusCredits: 50,
          amount: 5000,
          currency: "KRW",
        })),
      );
  }
  await inBatches(orders, 32, async ({ paymentId }) => {
    await portone.preRegisterPayment({ paymentId, totalAmount: 5000, currency: "KRW" });
    const res = await fetch(`${sandboxUrl}/_sandbox/payments/${paymentId}/pay`, { method: "POST" });
    if (!res.ok) throw new Error(`sandbox pay ${paymentId}: ${res.status}`);
  });
  return orders;
}

const signer = new StandardWebhook(SANDBOX_DEFAULTS.webhookSecret);

/** A validly signed Transaction.Paid delivery, as PortOne would send it now. */
export function signedPaidWebhook(paymentId: string) {
  const webhookId = `bench_${randomUUID()}`;
  const at = new Date();
  const body = JSON.stringify({
    type: "Transaction.Paid",
    timestamp: at.toISOString(),
    data: { paymentId, storeId: SANDBOX_DEFAULTS.storeId, transactionId: randomUUID() },
  });
  return {
    method: "POST" as const,
    path: "/api/webhooks/portone",
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signer.sign(webhookId, at, body),
    },
  };
}

export async function sessionCookie(userId: string, secret: string): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { uid: userId, sub: userId, sv: 0 }, secret })}`;
}

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/**
 * Gives each account the lots a customer of some standing has, in spending
 * order: an old 550-pack purchase's bonus (expiring in 65 days) with only
 * 1 to 4 credits left, a gift (bonus, 265 days), a recent 1,200 pack's bonus
 * (355 days), the old pack's paid credits, the recent pack's, and a large paid
 * top-up by an operator last. Spends therefore cross lot boundaries now and then.
 */
export async function giveLots(userIds: string[]): Promise<void> {
  const packs = [
    { id: "credits-550", paid: 500, bonus: 50, price: 5000, paidAt: daysAgo(300) },
    { id: "credits-1200", paid: 1000, bonus: 200, price: 10000, paidAt: daysAgo(10) },
  ];
  const accounts = userIds.map((userId, j) => ({ userId, j, purchases: packs.map((pack) => ({ pack, paymentId: `bench-${randomUUID()}` })) }));
  const rows = accounts.flatMap((a) =>
    a.purchases.map(({ pack, paymentId }) => ({
      id: paymentId,
      userId: a.userId,
      packId: pack.id,
      orderName: pack.id,
      credits: pack.paid + pack.bonus,
      paidCredits: pack.paid,
      bonusCredits: pack.bonus,
      amount: pack.price,
      currency: "KRW",
      status: "PAID" as const,
      paidAt: pack.paidAt,
      creditedAt: pack.paidAt,
    })),
  );
  for (let i = 0; i < rows.length; i += 500) await getDb().insert(payments).values(rows.slice(i, i + 500));
  await inBatches(accounts, 16, ({ userId, j, purchases }) =>
    getDb().transaction(async (tx) => {
      for (const { pack, paymentId } of purchases) {
        const bought = await applyLedgerEntry(tx, { userId, delta: pack.paid + pack.bonus, kind: "purchase", idempotencyKey: paymentId, paymentId });
        const part = (kind: "paid" | "bonus", credits: number) =>
          ({ entryId: bought.entryId, userId, kind, source: "purchase", credits, paymentId, grantedAt: pack.paidAt }) as const;
        await grantLots(tx, [part("paid", pack.paid), part("bonus", pack.bonus)], bought.debt);
      }
      const gift = await applyLedgerEntry(tx, { userId, delta: 30, kind: "adjust", idempotencyKey: "bench-gift" });
      await grantLots(tx, [{ entryId: gift.entryId, userId, kind: "bonus", source: "promotion", credits: 30, grantedAt: daysAgo(100) }], gift.debt);
      await grantFreeCredits(tx, { userId, credits: 1_000_000, idempotencyKey: "bench-top-up", kind: "paid" });
      // Most of the old bonus is spent already: what is left runs out within the first few spends.
      const spent = 46 + (j % 4);
      const used = await applyLedgerEntry(tx, { userId, delta: -spent, kind: "spend", idempotencyKey: "bench-history" });
      await drawLots(tx, { entryId: used.entryId, userId, amount: spent });
    }),
  );
}
