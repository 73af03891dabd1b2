import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { PortOneFailure } from "./errors";
import { parseBody, readJson, send, sendJson } from "./http";
import { checkoutPage } from "./checkout-page";
import { easyPayProvider } from "./easy-pay";
import { CARD_DECLINED } from "./payment-record";
import type { PaymentStore } from "./store";
import { windowResult } from "./window-page";
import type { WebhookDispatcher } from "./webhooks";

const sessionBody = z.object({
  origin: z.string(),
  mode: z.enum(["iframe", "redirect"]),
  request: z
    .looseObject({
      storeId: z.string(),
      channelKey: z.string().optional(),
      paymentId: z.string().min(1).max(200),
      orderName: z.string(),
      totalAmount: z.number().int().positive(),
      currency: z.string(),
      payMethod: z.string(),
      easyPay: z.looseObject({ easyPayProvider: easyPayProvider.optional() }).optional(),
      redirectUrl: z.string().optional(),
      customer: z.looseObject({ customerId: z.string().optional(), fullName: z.string().optional(), email: z.string().optional() }).optional(),
      customData: z.unknown().optional(),
    })
    .refine((r) => r.payMethod !== "EASY_PAY" || r.easyPay?.easyPayProvider !== undefined, {
      message: "EASY_PAY needs easyPay.easyPayProvider",
      path: ["easyPay", "easyPayProvider"],
    }),
});

type Session = z.infer<typeof sessionBody> & { id: string; transactionId: string; settled: boolean };

/** What `requestPayment` resolves with, in the real SDK's shapes. */
type PaymentResponse = {
  transactionType: "PAYMENT";
  txId: string;
  paymentId: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
};

/** Open checkout windows, by session id; one map per sandbox. */
export type CheckoutSessions = Map<string, Session>;

export type CheckoutContext = { store: PaymentStore; webhooks: WebhookDispatcher; storeId: string; sessions: CheckoutSessions };

function decide(action: string, session: Session, ctx: CheckoutContext): PaymentResponse {
  const { paymentId } = session.request;
  const base = { transactionType: "PAYMENT" as const, txId: session.transactionId, paymentId };
  switch (action) {
    case "pay": {
      const easyPayProvider = session.request.payMethod === "EASY_PAY" ? session.request.easyPay?.easyPayProvider : undefined;
      ctx.webhooks.emit(ctx.store.pay(paymentId, easyPayProvider ? { method: "EASY_PAY", easyPayProvider } : { method: "CARD" }));
      return base;
    }
    case "virtual-account":
      ctx.webhooks.emit(ctx.store.pay(paymentId, { method: "VIRTUAL_ACCOUNT" }));
      return base;
    case "decline": {
      const failure = CARD_DECLINED;
      ctx.webhooks.emit(ctx.store.fail(paymentId, failure));
      return { ...base, code: "FAILURE_TYPE_PG", message: `[${failure.pgCode}] ${failure.pgMessage}`, pgCode: failure.pgCode, pgMessage: failure.pgMessage };
    }
    case "cancel":
      return {
        ...base,
        code: "FAILURE_TYPE_PG",
        message: "사용자가 결제를 취소했습니다.",
        pgCode: "PAY_PROCESS_CANCELED",
        pgMessage: "사용자가 결제를 취소했습니다.",
      };
    default:
      throw new PortOneFailure(404, "NOT_FOUND", `unknown checkout action ${action}`);
  }
}

/** The checkout window: its session, its page, and the customer's choice in it. */
export async function handleCheckout(req: IncomingMessage, res: ServerResponse, url: URL, ctx: CheckoutContext): Promise<boolean> {
  if (url.pathname === "/checkout/sessions" && req.method === "POST") {
    const body = parseBody(sessionBody, await readJson(req));
    if (body.request.storeId !== ctx.storeId) throw new PortOneFailure(400, "INVALID_REQUEST", "상점 아이디가 올바르지 않습니다.");
    const userAgent = req.headers["user-agent"] ?? "";
    const change = ctx.store.openCheckout(body.request, {
      platformType: /Mobile|Android|iPhone/i.test(userAgent) ? "MOBILE" : "PC",
      userAgent,
      url: typeof req.headers.referer === "string" ? req.headers.referer : body.origin,
      ipAddress: req.socket.remoteAddress ?? "127.0.0.1",
    });
    ctx.webhooks.emit(change);
    const session: Session = { ...body, id: randomUUID(), transactionId: change.transactionId, settled: false };
    ctx.sessions.set(session.id, session);
    sendJson(res, 201, { sessionId: session.id });
    return true;
  }

  const page = /^\/checkout\/([^/]+)$/.exec(url.pathname);
  if (page && req.method === "GET") {
    const session = ctx.sessions.get(decodeURIComponent(page[1]!));
    if (!session) throw new PortOneFailure(404, "NOT_FOUND", "결제 세션이 없습니다.");
    send(res, 200, "text/html; charset=utf-8", checkoutPage(session));
    return true;
  }

  const action = /^\/checkout\/([^/]+)\/(pay|virtual-account|decline|cancel)$/.exec(url.pathname);
  if (action && req.method === "POST") {
    const session = ctx.sessions.get(decodeURIComponent(action[1]!));
    if (!session) throw new PortOneFailure(404, "NOT_FOUND", "결제 세션이 없습니다.");
    if (session.settled) throw new PortOneFailure(409, "ALREADY_PROCESSED", "이미 처리된 결제창입니다.");
    session.settled = true;
    sendJson(res, 200, windowResult(session, decide(action[2]!, session, ctx)));
    return true;
  }
  return false;
}
