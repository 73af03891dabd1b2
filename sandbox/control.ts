import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { BillingKeyStore } from "./billing-keys";
import type { CardRegistrationSessions } from "./card-registration";
import { easyPayProvider } from "./easy-pay";
import { PortOneFailure } from "./errors";
import type { CheckoutSessions } from "./checkout";
import { parseBody, readJson, sendJson } from "./http";
import type { PaymentStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

const faultyMethod = z.enum(["GET", "POST", "DELETE"]);
export type FaultyMethod = z.infer<typeof faultyMethod>;

/** `methods` narrows a fault to REST calls of those HTTP methods (e.g. reads fail while cancels go through). */
export type Faults = { api: "ok" | "down" | "slow"; latencyMs: number; methods?: FaultyMethod[] };

export type ControlContext = {
  store: PaymentStore;
  billingKeys: BillingKeyStore;
  webhooks: WebhookDispatcher;
  faults: Faults;
  sessions: CheckoutSessions;
  registrations: CardRegistrationSessions;
  storeId: string;
};

const payBody = z
  .object({
    amount: z.number().int().positive().optional(),
    method: z.enum(["CARD", "VIRTUAL_ACCOUNT", "EASY_PAY"]).optional(),
    easyPayProvider: easyPayProvider.optional(),
  })
  .refine((b) => (b.method === "EASY_PAY") === (b.easyPayProvider !== undefined), {
    message: "easyPayProvider goes with method EASY_PAY, and only with it",
    path: ["easyPayProvider"],
  });
const issueBody = z.object({ customerId: z.string().min(1), declining: z.boolean().optional() });
const nextChargeBody = z.object({ outcome: z.enum(["paid", "declined", "timeout"]) });
const cancelBody = z.object({ amount: z.number().int().positive().optional(), reason: z.string().optional() });
const faultsBody = z.object({
  api: z.enum(["ok", "down", "slow"]),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  methods: z.array(faultyMethod).min(1).optional(),
});

/**
 * The control API (`/_sandbox/...`): what a customer, a bank or PortOne's console
 * would do, plus fault injection. No PortOne equivalent; never part of live mode.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ControlContext): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith("/_sandbox/")) return false;
  const { store, webhooks } = ctx;

  const payment = /^\/_sandbox\/payments\/([^/]+)\/(pay|fail|deposit|cancel)$/.exec(path);
  if (payment && req.method === "POST") {
    const paymentId = decodeURIComponent(payment[1]!);
    const body = await readJson(req);
    switch (payment[2]) {
      case "pay":
        webhooks.emit(store.pay(paymentId, parseBody(payBody, body)));
        break;
      case "fail":
        webhooks.emit(store.fail(paymentId));
        break;
      case "deposit":
        webhooks.emit(store.deposit(paymentId));
        break;
      case "cancel": {
        const { amount, reason } = parseBody(cancelBody, body);
        // PortOne's console asks the operator for the refund account of a virtual-account payment: a sample one here.
        const refundAccount = { bank: "KOOKMIN", number: "00000000000000", holderName: "콘솔 환불" };
        webhooks.emit(store.cancel(paymentId, { amount, reason: reason ?? "콘솔에서 취소", refundAccount }).change);
        break;
      }
    }
    sendJson(res, 200, store.toPortOne(paymentId));
    return true;
  }

  if (path === "/_sandbox/billing-keys" && req.method === "POST") {
    const { customerId, declining } = parseBody(issueBody, await readJson(req));
    const change = ctx.billingKeys.issue({ storeId: ctx.storeId, customerId, testCard: declining ? "declining" : "accepting" });
    webhooks.emit(change);
    sendJson(res, 201, { billingKey: change.billingKey });
    return true;
  }
  const nextCharge = /^\/_sandbox\/billing-keys\/([^/]+)\/next$/.exec(path);
  if (nextCharge && req.method === "POST") {
    const billingKey = decodeURIComponent(nextCharge[1]!);
    const { outcome } = parseBody(nextChargeBody, await readJson(req));
    ctx.billingKeys.setNextOutcome(billingKey, outcome);
    sendJson(res, 200, { billingKey, nextOutcome: outcome });
    return true;
  }

  if (path === "/_sandbox/webhooks" && req.method === "GET") {
    const filter = { paymentId: url.searchParams.get("paymentId") ?? undefined, billingKey: url.searchParams.get("billingKey") ?? undefined };
    sendJson(res, 200, webhooks.list(filter));
    return true;
  }
  const redeliver = /^\/_sandbox\/webhooks\/([^/]+)\/redeliver$/.exec(path);
  if (redeliver && req.method === "POST") {
    if (!webhooks.redeliver(decodeURIComponent(redeliver[1]!))) throw new PortOneFailure(404, "WEBHOOK_NOT_FOUND", "웹훅이 없습니다.");
    sendJson(res, 202, { redelivering: true });
    return true;
  }
  if ((path === "/_sandbox/webhooks/pause" || path === "/_sandbox/webhooks/resume") && req.method === "POST") {
    if (path.endsWith("pause")) webhooks.pause();
    else webhooks.resume();
    sendJson(res, 200, { paused: path.endsWith("pause") });
    return true;
  }
  if (path === "/_sandbox/faults" && req.method === "POST") {
    const { api, latencyMs, methods } = parseBody(faultsBody, await readJson(req));
    Object.assign(ctx.faults, { api, latencyMs: latencyMs ?? 3_000, methods });
    sendJson(res, 200, ctx.faults);
    return true;
  }
  if (path === "/_sandbox/reset" && req.method === "POST") {
    store.reset();
    ctx.billingKeys.reset();
    webhooks.reset();
    ctx.sessions.clear();
    ctx.registrations.clear();
    Object.assign(ctx.faults, { api: "ok", latencyMs: 0, methods: undefined });
    sendJson(res, 200, { reset: true });
    return true;
  }
  throw new PortOneFailure(404, "NOT_FOUND", `${req.method} ${path} is not a sandbox control endpoint`);
}
