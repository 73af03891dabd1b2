import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { BillingKeyStore } from "./billing-keys";
import { cardRegistrationPage } from "./card-registration-page";
import { PortOneFailure } from "./errors";
import { parseBody, readJson, send, sendJson } from "./http";
import type { WebhookDispatcher } from "./webhooks";
import { windowResult } from "./window-page";

const sessionBody = z.object({
  origin: z.string(),
  mode: z.enum(["iframe", "redirect"]),
  request: z.looseObject({
    storeId: z.string(),
    // The sandbox channel stands for Toss Payments, whose billing keys need a channel and a customer id.
    channelKey: z.string().min(1),
    billingKeyMethod: z.literal("CARD"),
    issueName: z.string().optional(),
    redirectUrl: z.string().optional(),
    customer: z.looseObject({ customerId: z.string().min(1), fullName: z.string().optional() }),
  }),
});

type Session = z.infer<typeof sessionBody> & { id: string; settled: boolean };

/** What `requestIssueBillingKey` resolves with, in the real SDK's shapes. */
type IssueBillingKeyResponse = {
  transactionType: "ISSUE_BILLING_KEY";
  billingKey?: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
};

/** Open card-registration windows, by session id; one map per sandbox. */
export type CardRegistrationSessions = Map<string, Session>;

export type CardRegistrationContext = {
  billingKeys: BillingKeyStore;
  webhooks: WebhookDispatcher;
  storeId: string;
  registrations: CardRegistrationSessions;
};

function decide(action: string, session: Session, ctx: CardRegistrationContext): IssueBillingKeyResponse {
  if (action === "cancel") {
    const message = "사용자가 카드 등록을 취소했습니다.";
    return { transactionType: "ISSUE_BILLING_KEY", code: "FAILURE_TYPE_PG", message, pgCode: "PAY_PROCESS_CANCELED", pgMessage: message };
  }
  const change = ctx.billingKeys.issue({
    storeId: session.request.storeId,
    customerId: session.request.customer.customerId,
    channelKey: session.request.channelKey,
    testCard: action === "register-declining" ? "declining" : "accepting",
  });
  ctx.webhooks.emit(change);
  return { transactionType: "ISSUE_BILLING_KEY", billingKey: change.billingKey };
}

/** The card-registration window behind `requestIssueBillingKey`: its session, its page, and the customer's choice in it. */
export async function handleCardRegistration(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: CardRegistrationContext,
): Promise<boolean> {
  if (url.pathname === "/billing-key-issues/sessions" && req.method === "POST") {
    const body = parseBody(sessionBody, await readJson(req));
    if (body.request.storeId !== ctx.storeId) throw new PortOneFailure(400, "INVALID_REQUEST", "상점 아이디가 올바르지 않습니다.");
    const session: Session = { ...body, id: randomUUID(), settled: false };
    ctx.registrations.set(session.id, session);
    sendJson(res, 201, { sessionId: session.id });
    return true;
  }

  const page = /^\/billing-key-issues\/([^/]+)$/.exec(url.pathname);
  if (page && req.method === "GET") {
    send(res, 200, "text/html; charset=utf-8", cardRegistrationPage(findSession(page[1]!, ctx)));
    return true;
  }

  const action = /^\/billing-key-issues\/([^/]+)\/(register|register-declining|cancel)$/.exec(url.pathname);
  if (action && req.method === "POST") {
    const session = findSession(action[1]!, ctx);
    if (session.settled) throw new PortOneFailure(409, "ALREADY_PROCESSED", "이미 처리된 카드 등록 창입니다.");
    session.settled = true;
    sendJson(res, 200, windowResult(session, decide(action[2]!, session, ctx)));
    return true;
  }
  return false;
}

function findSession(id: string, ctx: CardRegistrationContext): Session {
  const session = ctx.registrations.get(decodeURIComponent(id));
  if (!session) throw new PortOneFailure(404, "NOT_FOUND", "카드 등록 세션이 없습니다.");
  return session;
}
