import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ChatMessageStatus } from "@/db/schema";
import { getBalance } from "@/lib/accounts/users";
import { captureHoldWithin, getHold, releaseHold, releaseHoldWithin, reserveCredits } from "@/lib/credits/holds";
import { config } from "@/lib/env";
import { id, multilineText } from "@/lib/http/input";
import { Problem } from "@/lib/http/problem";
import { log } from "@/lib/log";
import { listActivePacks } from "@/lib/payments/packs";
import { ensureOwnConversation, findExchange, forgetUnansweredQuestion, recentTurns, recordAnswer, recordQuestion } from "./conversations";
import { OfflineResponder } from "./offline-responder";
import { OpenAICompatibleResponder } from "./openai-responder";
import type { ChatResponder } from "./responder";
import { piecesUntil, silenceLimit } from "./stream-deadline";

export const PREMIUM_MESSAGE_COST = 10;

export const chatRequestSchema = z.object({
  message: multilineText("message is required").trim().min(1, "message is empty").max(4000, "message is over 4,000 characters"),
  idempotencyKey: id().min(8, "idempotencyKey must be 8 to 128 characters").optional(),
  conversationId: z.uuid({ error: "conversationId is a conversation's id" }).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** contract.md, "Credits and chat": the events of a streamed answer. */
export type ChatEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "done"; data: { creditsSpent: number; balance: number; conversationId: string; messageId: string | null } }
  | { event: "error"; data: { code: string; creditsSpent: 0; balance: number } };

/**
 * One premium answer, its credits already reserved. `run` streams its events to
 * `emit` and always settles the reservation before it resolves (with the last
 * event); `stop` is the person stopping it, or their connection going away.
 */
export type PremiumAnswer = {
  conversationId: string | null;
  run(emit: (event: ChatEvent) => void): Promise<ChatEvent>;
  stop(): void;
};

export class ChatUnavailable extends Problem {
  constructor(detail: string) {
    super(503, "CHAT_UNAVAILABLE", "The premium chat could not answer", `${detail} No credits were spent; please try again.`);
  }
}

let configured: ChatResponder | undefined;

export function configuredResponder(): ChatResponder {
  const { endpoint, maxTokens, offlinePieceDelayMs } = config().chat;
  configured ??= endpoint
    ? new OpenAICompatibleResponder({ ...endpoint, maxTokens })
    : new OfflineResponder(listActivePacks, { maxTokens, pieceDelayMs: offlinePieceDelayMs });
  return configured;
}

const SETTLE_POLL_MS = 100;

/**
 * How long a repeat waits for the answer it repeats. An answer has no overall deadline, only
 * CHAT_TIMEOUT_MS of silence, but its hold is settled within this, if only by reconciliation,
 * which releases a chat hold once it is this old (lib/payments/reconcile.ts).
 */
const settledWithinMs = (timeoutMs: number) => Math.max(10 * 60_000, 2 * timeoutMs);

/** A repeat of a request still being answered waits for that answer rather than paying again. */
async function awaitSettled(holdId: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hold = await getHold(holdId);
    if (!hold || hold.status !== "held" || Date.now() > deadline) return hold;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

type Settlement = { status: ChatMessageStatus; text: string; timedOut: boolean };

/**
 * Settles the hold and stores the answer in one transaction: a whole answer, or
 * one the person stopped after text arrived, is charged; anything else is given
 * back, and a question whose answer never began is forgotten with it. Returns
 * the event that ends the stream.
 */
async function settle(
  s: Settlement,
  ctx: { userId: string; holdId: number; conversationId: string },
): Promise<ChatEvent> {
  const charged = s.status !== "failed" && s.text.length > 0;
  const messageId = await getDb().transaction(async (tx) => {
    if (charged) {
      // Already settled elsewhere (reconciliation gave back a hold it took for dead): nothing was charged now.
      if (!(await captureHoldWithin(tx, ctx.holdId, s.text))) return undefined;
    } else {
      await releaseHoldWithin(tx, ctx.holdId);
      if (s.text.length === 0) {
        await forgetUnansweredQuestion(tx, ctx);
        return undefined;
      }
    }
    return recordAnswer(tx, {
      conversationId: ctx.conversationId,
      holdId: ctx.holdId,
      content: s.text,
      status: s.status,
      creditsSpent: charged ? PREMIUM_MESSAGE_COST : 0,
    });
  });
  const balance = await getBalance(ctx.userId);
  if (charged && messageId) {
    return { event: "done", data: { creditsSpent: PREMIUM_MESSAGE_COST, balance, conversationId: ctx.conversationId, messageId } };
  }
  return { event: "error", data: { code: s.timedOut ? "CHAT_TIMEOUT" : "CHAT_UNAVAILABLE", creditsSpent: 0, balance } };
}

/** A request repeated with its idempotencyKey: the stored answer, never a second charge. */
function replay(userId: string, holdId: number, timeoutMs: number, conversationId: string | null): PremiumAnswer {
  return {
    conversationId,
    stop: () => {},
    async run(emit) {
      const hold = await awaitSettled(holdId, settledWithinMs(timeoutMs));
      const exchange = await findExchange(holdId);
      const balance = await getBalance(userId);
      const text = exchange?.answer?.content ?? hold?.result;
      let last: ChatEvent;
      if (hold?.status === "captured" && text) {
        emit({ event: "delta", data: { text } });
        last = {
          event: "done",
          data: { creditsSpent: hold.amount, balance, conversationId: exchange?.conversationId ?? conversationId ?? "", messageId: exchange?.answer?.id ?? null },
        };
      } else {
        last = { event: "error", data: { code: "CHAT_UNAVAILABLE", creditsSpent: 0, balance } };
      }
      emit(last);
      return last;
    },
  };
}

/**
 * Starts one premium message: checks the conversation is the person's (404),
 * reserves its cost (402 when the balance is short), records the question.
 * Those refusals are thrown before any event. The answer itself streams from
 * `run`; no transaction is open while the responder works.
 */
export async function startPremiumAnswer(
  input: { userId: string } & ChatRequest,
  options: { responder?: ChatResponder; timeoutMs?: number } = {},
): Promise<PremiumAnswer> {
  const responder = options.responder ?? configuredResponder();
  const timeoutMs = options.timeoutMs ?? config().chat.timeoutMs;
  if (input.conversationId) await ensureOwnConversation(input.userId, input.conversationId);
  const key = input.idempotencyKey ?? randomUUID();
  const { hold, created, balanceAfter } = await reserveCredits({ userId: input.userId, amount: PREMIUM_MESSAGE_COST, idempotencyKey: key });
  if (!created) {
    const exchange = await findExchange(hold.id);
    return replay(input.userId, hold.id, timeoutMs, exchange?.conversationId ?? input.conversationId ?? null);
  }

  let conversationId: string;
  let firstQuestion: boolean;
  try {
    ({ conversationId, created: firstQuestion } = await recordQuestion({
      userId: input.userId,
      conversationId: input.conversationId,
      holdId: hold.id,
      question: input.message,
    }));
  } catch (error) {
    await releaseHold(hold.id);
    throw error;
  }
  const stopper = new AbortController();
  const ctx = { userId: input.userId, holdId: hold.id, conversationId };

  return {
    conversationId,
    stop: () => stopper.abort(),
    async run(emit) {
      const silence = silenceLimit(timeoutMs);
      const signal = AbortSignal.any([stopper.signal, silence.signal]);
      let text = "";
      let status: ChatMessageStatus = "failed";
      try {
        const earlier = firstQuestion ? [] : await recentTurns(conversationId, config().chat.contextTokens);
        const turns = [...earlier, { role: "user" as const, content: input.message }];
        for await (const piece of piecesUntil(responder.stream({ turns, balance: balanceAfter }, signal), signal)) {
          silence.heard();
          text += piece;
          emit({ event: "delta", data: { text: piece } });
        }
        if (text.trim().length === 0) throw new Error("the responder gave an empty answer");
        status = "complete";
      } catch (error) {
        if (stopper.signal.aborted) status = "stopped";
        else log.warn({ err: error, holdId: hold.id, responder: responder.name, received: text.length }, "premium chat failed; credits released");
      } finally {
        silence.end();
      }
      const last = await settle({ status, text, timedOut: silence.signal.aborted && !stopper.signal.aborted }, ctx);
      emit(last);
      return last;
    },
  };
}

export type ChatAnswer = { reply: string; creditsSpent: number; balance: number; conversationId: string };

/** One premium message in its JSON form: startPremiumAnswer, then the whole reply at once. */
export async function sendPremiumMessage(
  input: { userId: string } & ChatRequest,
  options: { responder?: ChatResponder; timeoutMs?: number } = {},
): Promise<ChatAnswer> {
  return answerAsJson(await startPremiumAnswer(input, options));
}

/** The JSON form of an answer: the whole reply at once, or a 503 (nothing spent) when it failed. */
export async function answerAsJson(answer: PremiumAnswer): Promise<ChatAnswer> {
  let reply = "";
  const last = await answer.run((e) => {
    if (e.event === "delta") reply += e.data.text;
  });
  if (last.event === "error") throw new ChatUnavailable(last.data.code === "CHAT_TIMEOUT" ? "The answer took too long." : "The answer failed.");
  if (last.event !== "done") throw new Error("an answer ends with done or error");
  return { reply, creditsSpent: last.data.creditsSpent, balance: last.data.balance, conversationId: last.data.conversationId };
}
