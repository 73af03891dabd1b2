import { randomUUID } from "node:crypto";
import { PaymentClient } from "@portone/server-sdk";
import { encode } from "next-auth/jwt";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { getDb } from "@/db/client";
import { payments, users } from "@/db/schema";
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
