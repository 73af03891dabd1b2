import { asc, eq } from "drizzle-orm";
import { inject } from "vitest";
import { POST as createPayment, GET as listPayments } from "@/app/api/payments/route";
import { GET as getPayment } from "@/app/api/payments/[paymentId]/route";
import { POST as completePayment } from "@/app/api/payments/[paymentId]/complete/route";
import { POST as refundPayment } from "@/app/api/payments/[paymentId]/refund/route";
import { GET as refundQuote } from "@/app/api/payments/[paymentId]/refund-quote/route";
import { GET as listCredits } from "@/app/api/credits/route";
import { POST as chat } from "@/app/api/chat/route";
import { getDb } from "@/db/client";
import { creditLedger, payments, users, webhookEvents } from "@/db/schema";
import type { CheckoutRequest } from "@/lib/payments/orders";
import { jsonRequest, sessionCookie } from "./requests";
import { sandboxControl } from "./sandbox-control";

export const sandbox = sandboxControl(inject("sandboxUrl"));

const params = (paymentId: string) => ({ params: Promise.resolve({ paymentId }) });

/** Calls the app's payment routes as the given user would, with a real session cookie. */
export function asUser(userId: string) {
  const cookie = () => sessionCookie(userId);
  return {
    async order(body: unknown) {
      return createPayment(jsonRequest("/api/payments", { method: "POST", body, cookie: await cookie() }), undefined as never);
    },
    async orderPack(packId: string): Promise<CheckoutRequest> {
      const res = await this.order({ packId, agreedToTerms: true });
      if (res.status !== 201) throw new Error(`order failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CheckoutRequest;
    },
    async complete(paymentId: string) {
      return completePayment(
        jsonRequest(`/api/payments/${paymentId}/complete`, { method: "POST", cookie: await cookie() }),
        params(paymentId),
      );
    },
    async get(paymentId: string) {
      return getPayment(jsonRequest(`/api/payments/${paymentId}`, { cookie: await cookie() }), params(paymentId));
    },
    async refund(paymentId: string, body?: { expectedAmount?: number; refundAccount?: unknown }) {
      return refundPayment(
        jsonRequest(`/api/payments/${paymentId}/refund`, { method: "POST", body, cookie: await cookie() }),
        params(paymentId),
      );
    },
    async refundQuote(paymentId: string) {
      return refundQuote(jsonRequest(`/api/payments/${paymentId}/refund-quote`, { cookie: await cookie() }), params(paymentId));
    },
    async credits() {
      return listCredits(jsonRequest("/api/credits", { cookie: await cookie() }), undefined as never);
    },
    async chat(message: string) {
      return chat(jsonRequest("/api/chat", { method: "POST", body: { message }, cookie: await cookie() }), undefined as never);
    },
    async list() {
      return listPayments(jsonRequest("/api/payments", { cookie: await cookie() }), undefined as never);
    },
  };
}

/** An order of the pack, paid at the sandbox and credited through complete. */
export async function creditedPurchase(userId: string, packId = "credits-550") {
  const as = asUser(userId);
  const { paymentId } = await as.orderPack(packId);
  await sandbox.pay(paymentId);
  const res = await as.complete(paymentId);
  const body = (await res.json()) as { creditsGranted: boolean };
  if (!body.creditsGranted) throw new Error(`not credited: ${JSON.stringify(body)}`);
  return paymentId;
}

export async function balanceOf(userId: string): Promise<number> {
  const [row] = await getDb().select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId));
  return row!.balance;
}

/** The user's ledger, oldest first. */
export async function ledgerOf(userId: string) {
  return getDb().select().from(creditLedger).where(eq(creditLedger.userId, userId)).orderBy(asc(creditLedger.id));
}

export async function paymentRow(paymentId: string) {
  const [row] = await getDb().select().from(payments).where(eq(payments.id, paymentId));
  return row!;
}

export async function webhookEventsFor(paymentId: string) {
  return getDb().select().from(webhookEvents).where(eq(webhookEvents.paymentId, paymentId));
}

/** Polls until `check` passes (for effects of asynchronous webhook deliveries). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
