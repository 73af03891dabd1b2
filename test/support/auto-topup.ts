import { PaymentClient } from "@portone/server-sdk";
import { and, eq } from "drizzle-orm";
import { inject } from "vitest";
import { GET as getAutoTopUp, PUT as putAutoTopUp } from "@/app/api/auto-topup/route";
import { DELETE as deleteCard, POST as postCard } from "@/app/api/auto-topup/card/route";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import type { AutoTopUpView } from "@/lib/auto-topup/settings";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { sandbox } from "./app";
import { jsonRequest, sessionCookie } from "./requests";

/** The official PortOne client against the tests' sandbox: what PortOne itself says about keys and payments. */
export const portone = PaymentClient({ secret: SANDBOX_DEFAULTS.apiSecret, baseUrl: inject("sandboxUrl") });

/** The auto top-up routes as the given user calls them. */
export function autoTopUpAs(userId: string) {
  const cookie = () => sessionCookie(userId);
  return {
    async get() {
      return getAutoTopUp(jsonRequest("/api/auto-topup", { cookie: await cookie() }), undefined as never);
    },
    async put(body: unknown) {
      return putAutoTopUp(jsonRequest("/api/auto-topup", { method: "PUT", body, cookie: await cookie() }), undefined as never);
    },
    async registerCard(billingKey: unknown) {
      return postCard(jsonRequest("/api/auto-topup/card", { method: "POST", body: { billingKey }, cookie: await cookie() }), undefined as never);
    },
    async removeCard() {
      return deleteCard(jsonRequest("/api/auto-topup/card", { method: "DELETE", cookie: await cookie() }), undefined as never);
    },
  };
}

/** Registers a sandbox card for the user through the app and turns auto top-up on; returns the billing key. */
export async function enableAutoTopUp(
  userId: string,
  rule: { packId?: string; threshold?: number; monthlyCapKrw?: number; declining?: boolean } = {},
): Promise<string> {
  const { billingKey } = await sandbox.registerCard(userId, { declining: rule.declining });
  const as = autoTopUpAs(userId);
  const card = await as.registerCard(billingKey);
  if (card.status !== 200) throw new Error(`card not registered: ${card.status} ${await card.text()}`);
  const res = await as.put({
    enabled: true,
    packId: rule.packId ?? "credits-100",
    threshold: rule.threshold ?? 50,
    monthlyCapKrw: rule.monthlyCapKrw ?? 30_000,
  });
  if (res.status !== 200) throw new Error(`not enabled: ${res.status} ${await res.text()}`);
  return billingKey;
}

export async function autoTopUpView(userId: string): Promise<AutoTopUpView> {
  return (await (await autoTopUpAs(userId).get()).json()) as AutoTopUpView;
}

/** The user's auto top-up payments, oldest first. */
export async function topUpsOf(userId: string) {
  return getDb()
    .select()
    .from(payments)
    .where(and(eq(payments.userId, userId), eq(payments.trigger, "AUTO_TOPUP")))
    .orderBy(payments.createdAt);
}
