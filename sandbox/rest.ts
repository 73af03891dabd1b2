import type { IncomingMessage, ServerResponse } from "node:http";
import type { CancelPaymentResponse, PreRegisterPaymentResponse } from "@portone/server-sdk/payment";
import { z } from "zod";
import { failures, PortOneFailure } from "./errors";
import { parseBody, readJson, sendJson } from "./http";
import type { PaymentStore } from "./store";
import type { WebhookDispatcher } from "./webhooks";

const preRegisterBody = z.object({
  storeId: z.string().optional(),
  totalAmount: z.number().int().nonnegative().optional(),
  taxFreeAmount: z.number().int().nonnegative().optional(),
  currency: z.string().optional(),
});

const cancelBody = z.object({
  storeId: z.string().optional(),
  amount: z.number().int().positive().optional(),
  taxFreeAmount: z.number().int().nonnegative().optional(),
  vatAmount: z.number().int().nonnegative().optional(),
  reason: z.string().min(1),
  requester: z.string().optional(),
  currentCancellableAmount: z.number().int().nonnegative().optional(),
  refundAccount: z
    .object({ bank: z.string().min(1), number: z.string().min(1), holderName: z.string().min(1), holderPhoneNumber: z.string().optional() })
    .optional(),
});


export type RestContext = { store: PaymentStore; webhooks: WebhookDispatcher; storeId: string };

/** PortOne's REST API at its own paths: `/payments/{paymentId}`, `…/pre-register`, `…/cancel`. */
export async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RestContext): Promise<boolean> {
  const match = /^\/payments\/([^/]+)(?:\/(pre-register|cancel))?$/.exec(url.pathname);
  if (!match) return false;
  const paymentId = decodeURIComponent(match[1]!);
  const action = match[2];

  if (!action && req.method === "GET") {
    sendJson(res, 200, ctx.store.toPortOne(paymentId));
  } else if (action === "pre-register" && req.method === "POST") {
    const body = parseBody(preRegisterBody, await readJson(req));
    if (body.storeId && body.storeId !== ctx.storeId) throw failures.forbiddenStore();
    ctx.store.preRegister(paymentId, ctx.storeId, body, {
      platformType: "API",
      userAgent: req.headers["user-agent"],
      ipAddress: req.socket.remoteAddress ?? "127.0.0.1",
    });
    sendJson(res, 200, {} satisfies PreRegisterPaymentResponse);
  } else if (action === "cancel" && req.method === "POST") {
    const body = parseBody(cancelBody, await readJson(req));
    const { cancellation, change } = ctx.store.cancel(paymentId, body);
    ctx.webhooks.emit(change);
    sendJson(res, 200, { cancellation } satisfies CancelPaymentResponse);
  } else {
    throw new PortOneFailure(405, "INVALID_REQUEST", `${req.method} is not allowed here`);
  }
  return true;
}
