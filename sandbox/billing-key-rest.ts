import type { IncomingMessage, ServerResponse } from "node:http";
import type { DeleteBillingKeyResponse } from "@portone/server-sdk/payment/billingKey";
import type { PayWithBillingKeyResponse } from "@portone/server-sdk/payment";
import { z } from "zod";
import type { BillingKeyStore } from "./billing-keys";
import { failures, PortOneFailure } from "./errors";
import { parseBody, readJson, sendJson } from "./http";
import { CARD_DECLINED } from "./payment-record";
import type { PaymentStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

const payWithBillingKeyBody = z.object({
  storeId: z.string().optional(),
  billingKey: z.string().min(1),
  channelKey: z.string().optional(),
  orderName: z.string().min(1),
  customer: z
    .looseObject({
      id: z.string().optional(),
      name: z.looseObject({ full: z.string().optional() }).optional(),
      email: z.string().optional(),
      phoneNumber: z.string().optional(),
    })
    .optional(),
  customData: z.string().optional(),
  amount: z.object({ total: z.number().int().positive(), taxFree: z.number().int().nonnegative().optional(), vat: z.number().int().nonnegative().optional() }),
  currency: z.string().min(1),
});

export type BillingKeyRestContext = { store: PaymentStore; billingKeys: BillingKeyStore; webhooks: WebhookDispatcher; storeId: string };

/** The store a call names (PortOne's optional `storeId`), which must be the sandbox's own. */
function ownStore(named: string | null | undefined, ctx: BillingKeyRestContext): string {
  if (named && named !== ctx.storeId) throw failures.forbiddenStore();
  return ctx.storeId;
}

/**
 * PortOne's billing-key REST API: `GET|DELETE /billing-keys/{billingKey}` and
 * `POST /payments/{paymentId}/billing-key` (a charge to a stored card).
 */
export async function handleBillingKeyRest(req: IncomingMessage, res: ServerResponse, url: URL, ctx: BillingKeyRestContext): Promise<boolean> {
  const key = /^\/billing-keys\/([^/]+)$/.exec(url.pathname);
  if (key) {
    const billingKey = decodeURIComponent(key[1]!);
    const storeId = ownStore(url.searchParams.get("storeId"), ctx);
    if (req.method === "GET") {
      sendJson(res, 200, ctx.billingKeys.toPortOne(billingKey, storeId));
    } else if (req.method === "DELETE") {
      const { deletedAt, change } = ctx.billingKeys.delete(billingKey, storeId);
      if (url.searchParams.get("skipWebhook") !== "true") ctx.webhooks.emit(change);
      sendJson(res, 200, { deletedAt } satisfies DeleteBillingKeyResponse);
    } else {
      throw new PortOneFailure(405, "INVALID_REQUEST", `${req.method} is not allowed here`);
    }
    return true;
  }

  const charge = /^\/payments\/([^/]+)\/billing-key$/.exec(url.pathname);
  if (!charge) return false;
  if (req.method !== "POST") throw new PortOneFailure(405, "INVALID_REQUEST", `${req.method} is not allowed here`);
  const paymentId = decodeURIComponent(charge[1]!);
  const body = parseBody(payWithBillingKeyBody, await readJson(req));
  const storeId = ownStore(body.storeId, ctx);
  const card = ctx.billingKeys.chargeable(body.billingKey, storeId);
  const chargeRequest = {
    paymentId,
    storeId,
    billingKey: card.billingKey,
    card: card.card,
    channelKey: body.channelKey ?? card.channelKey,
    orderName: body.orderName,
    amount: body.amount.total,
    currency: body.currency,
    customer: {
      customerId: body.customer?.id ?? card.customerId,
      fullName: body.customer?.name?.full,
      email: body.customer?.email,
      phoneNumber: body.customer?.phoneNumber,
    },
    customData: body.customData,
    origin: { platformType: "API" as const, userAgent: req.headers["user-agent"], ipAddress: req.socket.remoteAddress ?? "127.0.0.1" },
  };
  // Refusals (already paid, another amount than pre-registered) must come before the outcome is used up.
  ctx.store.checkChargeable(paymentId, chargeRequest.amount, chargeRequest.currency);
  const outcome = ctx.billingKeys.takeOutcome(card.billingKey);
  ctx.webhooks.emit(ctx.store.chargeWithBillingKey(chargeRequest, outcome === "declined" ? CARD_DECLINED : undefined));
  if (outcome === "declined") throw failures.pgProvider(CARD_DECLINED);
  if (outcome === "timeout") {
    // PortOne charged, but its answer is lost: the caller sees the connection drop, as after its own timeout.
    req.socket.destroy();
    return true;
  }
  sendJson(res, 200, { payment: ctx.store.paidSummary(paymentId) } satisfies PayWithBillingKeyResponse);
  return true;
}
