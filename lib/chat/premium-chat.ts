import { randomUUID } from "node:crypto";
import { z } from "zod";
import { captureHold, getHold, releaseHold, reserveCredits } from "@/lib/credits/holds";
import { getBalance } from "@/lib/accounts/users";
import { config } from "@/lib/env";
import { id, multilineText } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { listActivePacks } from "@/lib/payments/packs";
import { OfflineResponder } from "./offline-responder";
import { OpenAICompatibleResponder } from "./openai-responder";
import type { ChatResponder } from "./responder";

export const PREMIUM_MESSAGE_COST = 10;

export const chatRequestSchema = z.object({
  message: multilineText("message is required").trim().min(1, "message is empty").max(4000, "message is over 4,000 characters"),
  idempotencyKey: id().min(8, "idempotencyKey must be 8 to 128 characters").optional(),
});

export type ChatAnswer = { reply: string; creditsSpent: number; balance: number };

export class ChatUnavailable extends Problem {
  constructor(detail: string) {
    super(503, "CHAT_UNAVAILABLE", "The premium chat could not answer", `${detail} No credits were spent; please try again.`);
  }
}

let configured: ChatResponder | undefined;

export function configuredResponder(): ChatResponder {
  const { endpoint } = config().chat;
  configured ??= endpoint ? new OpenAICompatibleResponder(endpoint) : new OfflineResponder(listActivePacks);
  return configured;
}

const SETTLE_POLL_MS = 100;

/** Runs the responder under a deadline even if it ignores its abort signal. */
function replyWithin(responder: ChatResponder, question: Parameters<ChatResponder["reply"]>[0], timeoutMs: number) {
  const signal = AbortSignal.timeout(timeoutMs);
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
  return Promise.race([responder.reply(question, signal), aborted]);
}

/** A repeat of a request still being answered waits for that answer rather than paying again. */
async function awaitSettled(holdId: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hold = await getHold(holdId);
    if (!hold || hold.status !== "held" || Date.now() > deadline) return hold;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

/**
 * One premium message: reserve its cost (402 when the balance is short), ask the
 * responder under a timeout, then capture the cost on an answer or release it on a
 * failure. No transaction is open while the responder works. The same
 * idempotencyKey is charged once and gets the same answer.
 */
export async function sendPremiumMessage(
  input: { userId: string; message: string; idempotencyKey?: string },
  options: { responder?: ChatResponder; timeoutMs?: number } = {},
): Promise<ChatAnswer> {
  const responder = options.responder ?? configuredResponder();
  const timeoutMs = options.timeoutMs ?? config().chat.timeoutMs;
  const key = input.idempotencyKey ?? randomUUID();
  const { hold, created, balanceAfter } = await reserveCredits({ userId: input.userId, amount: PREMIUM_MESSAGE_COST, idempotencyKey: key });

  if (!created) {
    const settled = await awaitSettled(hold.id, timeoutMs + 5_000);
    if (settled?.status !== "captured" || settled.result === null) {
      throw new ChatUnavailable("The earlier request with this idempotencyKey did not get an answer.");
    }
    return { reply: settled.result, creditsSpent: settled.amount, balance: await getBalance(input.userId) };
  }

  let reply: string;
  try {
    reply = await replyWithin(responder, { message: input.message, balance: balanceAfter }, timeoutMs);
  } catch (error) {
    await releaseHold(hold.id);
    log.warn({ err: error, holdId: hold.id, responder: responder.name }, "premium chat failed; credits released");
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "APIUserAbortError");
    throw new ChatUnavailable(timedOut ? "The answer took too long." : "The answer failed.");
  }
  if (!(await captureHold(hold.id, reply))) {
    throw new ChatUnavailable("The reservation for this message was already settled.");
  }
  return { reply, creditsSpent: PREMIUM_MESSAGE_COST, balance: await getBalance(input.userId) };
}
