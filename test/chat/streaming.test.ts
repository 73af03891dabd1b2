import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { POST as chat } from "@/app/api/chat/route";
import { GET as getConversation } from "@/app/api/conversations/[conversationId]/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { getDb } from "@/db/client";
import { chatMessages, creditHolds } from "@/db/schema";
import { respondToChat } from "@/lib/chat/chat-response";
import { recentTurns } from "@/lib/chat/conversations";
import { OfflineResponder } from "@/lib/chat/offline-responder";
import { OpenAICompatibleResponder } from "@/lib/chat/openai-responder";
import type { ChatResponder } from "@/lib/chat/responder";
import { readConfig } from "@/lib/env";
import { balanceOf, eventually, ledgerOf } from "../support/app";
import { startChatEndpoint, type EndpointBehaviour } from "../support/chat-endpoint";
import { createTestUser } from "../support/factories";
import { readEvents } from "../support/event-stream";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

const endpoints: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function upstream(behaviour: EndpointBehaviour) {
  const endpoint = await startChatEndpoint(behaviour);
  endpoints.push(endpoint);
  return { endpoint, responder: new OpenAICompatibleResponder({ baseURL: endpoint.baseURL, apiKey: "test-key", model: "test-model", maxTokens: 1_024 }) };
}

const streamHeaders = { accept: "text/event-stream" };

async function postChat(userId: string, body: unknown, headers: Record<string, string> = streamHeaders) {
  return chat(jsonRequest("/api/chat", { method: "POST", body, headers, cookie: await sessionCookie(userId) }), undefined as never);
}

/** POST /api/chat's answer with a responder of the test's choosing (the route itself uses the configured one). */
async function streamWith(userId: string, body: { message: string; idempotencyKey?: string; conversationId?: string }, options: Parameters<typeof respondToChat>[3]) {
  const req = jsonRequest("/api/chat", { method: "POST", body, headers: streamHeaders });
  return respondToChat(req, userId, body, options);
}

const holdsOf = (userId: string) => getDb().select().from(creditHolds).where(eq(creditHolds.userId, userId));

describe("POST /api/chat with Accept: text/event-stream", () => {
  it("streams the answer in pieces, then one done event; the pieces are the stored answer", async () => {
    const user = await createTestUser({ credits: 30 });
    const res = await postChat(user.id, { message: "크레딧 팩 가격이 얼마예요?" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const conversationId = res.headers.get("x-conversation-id");
    const events = await readEvents(res).all();

    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(5);
    expect(events.at(-1)).toEqual({
      event: "done",
      data: { creditsSpent: 10, balance: 20, conversationId, messageId: expect.any(String) },
    });
    expect(events.filter((e) => e.event === "done" || e.event === "error")).toHaveLength(1);
    const text = deltas.map((d) => d.data.text).join("");
    expect(text).toContain("₩5,000");
    const [answer] = await getDb().select().from(chatMessages).where(eq(chatMessages.id, events.at(-1)!.data.messageId as string));
    expect(answer).toMatchObject({ role: "assistant", content: text, status: "complete", creditsSpent: 10 });
    expect(await balanceOf(user.id)).toBe(20);
  });

  it("answers 402 as a plain problem before any event when the balance is short", async () => {
    const user = await createTestUser({ credits: 5 });
    const res = await postChat(user.id, { message: "안녕" });
    expect(res.status).toBe(402);
    expect(await readProblem(res)).toMatchObject({ code: "INSUFFICIENT_CREDITS", contentType: "application/problem+json" });
    expect(await balanceOf(user.id)).toBe(5);
  });

  it("an upstream that drops mid-answer ends with an error event; nothing is spent", async () => {
    const user = await createTestUser({ credits: 20 });
    const { responder } = await upstream("cut-off");
    const events = await readEvents(await streamWith(user.id, { message: "hello there friend" }, { responder })).all();
    expect(events[0]).toEqual({ event: "delta", data: { text: "echo: " } });
    expect(events.at(-1)).toEqual({ event: "error", data: { code: "CHAT_UNAVAILABLE", creditsSpent: 0, balance: 20 } });
    expect(await balanceOf(user.id)).toBe(20);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["adjust", "reserve", "release"]);
    expect((await holdsOf(user.id)).map((h) => h.status)).toEqual(["released"]);
  });

  it("an upstream that goes quiet mid-answer times out: error CHAT_TIMEOUT, nothing spent", async () => {
    const user = await createTestUser({ credits: 20 });
    const { responder } = await upstream("stall");
    const events = await readEvents(await streamWith(user.id, { message: "hello there" }, { responder, timeoutMs: 300 })).all();
    expect(events.at(-1)).toEqual({ event: "error", data: { code: "CHAT_TIMEOUT", creditsSpent: 0, balance: 20 } });
    expect(await balanceOf(user.id)).toBe(20);
  });

  it("stopping once text has arrived keeps what arrived, and charges for it", async () => {
    const user = await createTestUser({ credits: 20 });
    const slow = new OfflineResponder(async () => [], { pieceDelayMs: 50, maxTokens: 1_024 });
    const stream = readEvents(await streamWith(user.id, { message: "크레딧은 어떻게 사용하나요?" }, { responder: slow }));
    const first = await stream.next();
    expect(first?.event).toBe("delta");
    await stream.stop();

    const [hold] = await eventually(() => holdsOf(user.id), (h) => h[0]?.status !== "held");
    expect(hold).toMatchObject({ status: "captured" });
    const [answer] = await getDb().select().from(chatMessages).where(eq(chatMessages.holdId, hold!.id)).then((rows) => rows.filter((r) => r.role === "assistant"));
    expect(answer).toMatchObject({ status: "stopped", creditsSpent: 10 });
    expect(answer!.content.startsWith(first!.data.text as string)).toBe(true);
    expect(answer!.content.length).toBeLessThan(60);
    expect(await balanceOf(user.id)).toBe(10);
  });

  it("stopping before any text gives the credits back and leaves no hold open", async () => {
    const user = await createTestUser({ credits: 20 });
    const { responder } = await upstream("hang");
    const stream = readEvents(await streamWith(user.id, { message: "hello" }, { responder }));
    await new Promise((r) => setTimeout(r, 100));
    await stream.stop();
    await eventually(() => holdsOf(user.id), (h) => h[0]?.status === "released");
    expect(await balanceOf(user.id)).toBe(20);
  });

  it("a retry with the same idempotencyKey gets the stored answer and pays nothing more", async () => {
    const user = await createTestUser({ credits: 30 });
    const idempotencyKey = randomUUID();
    const first = await readEvents(await postChat(user.id, { message: "환불 규정이 궁금해요", idempotencyKey })).all();
    const again = await readEvents(await postChat(user.id, { message: "환불 규정이 궁금해요", idempotencyKey })).all();
    const text = (events: typeof first) => events.filter((e) => e.event === "delta").map((e) => e.data.text).join("");
    expect(text(again)).toBe(text(first));
    // The same message id, conversation and charge; the balance as it is now, which is as the first left it.
    expect(again.at(-1)).toEqual(first.at(-1));
    expect(await balanceOf(user.id)).toBe(20);
    expect((await ledgerOf(user.id)).filter((e) => e.kind === "reserve")).toHaveLength(1);
  });
});

describe("conversations", () => {
  it("keep their turns: the model gets the earlier ones, and the owner can list and reopen them", async () => {
    const user = await createTestUser({ credits: 50 });
    const { endpoint, responder } = await upstream("answer");
    const first = await readEvents(await streamWith(user.id, { message: "first question" }, { responder })).all();
    const conversationId = first.at(-1)!.data.conversationId as string;
    await readEvents(await streamWith(user.id, { message: "second question", conversationId }, { responder })).all();

    expect(endpoint.requests[1]!.slice(1)).toEqual([
      { role: "user", content: "first question" },
      { role: "assistant", content: "echo: first question" },
      { role: "user", content: "second question" },
    ]);
    const cookie = await sessionCookie(user.id);
    const list = await (await listConversations(jsonRequest("/api/conversations", { cookie }), undefined as never)).json();
    expect(list).toEqual({ items: [{ id: conversationId, title: "first question", updatedAt: expect.any(String) }] });
    const params = { params: Promise.resolve({ conversationId }) };
    const opened = await (await getConversation(jsonRequest(`/api/conversations/${conversationId}`, { cookie }), params)).json();
    expect(opened.messages.map((m: { role: string; content: string; creditsSpent: number }) => [m.role, m.content, m.creditsSpent])).toEqual([
      ["user", "first question", 0],
      ["assistant", "echo: first question", 10],
      ["user", "second question", 0],
      ["assistant", "echo: second question", 10],
    ]);
  });

  it("another person's conversation is a 404 to read and to write in, and nothing is charged", async () => {
    const owner = await createTestUser({ credits: 20 });
    const other = await createTestUser({ credits: 20 });
    const events = await readEvents(await postChat(owner.id, { message: "내 대화" })).all();
    const conversationId = events.at(-1)!.data.conversationId as string;

    const read = await getConversation(
      jsonRequest(`/api/conversations/${conversationId}`, { cookie: await sessionCookie(other.id) }),
      { params: Promise.resolve({ conversationId }) },
    );
    expect(read.status).toBe(404);
    expect(await readProblem(read)).toMatchObject({ code: "CONVERSATION_NOT_FOUND" });
    const missing = await getConversation(jsonRequest("/api/conversations/x", { cookie: await sessionCookie(owner.id) }), {
      params: Promise.resolve({ conversationId: "not-an-id" }),
    });
    expect(missing.status).toBe(404);
    const write = await postChat(other.id, { message: "끼어들기", conversationId });
    expect(write.status).toBe(404);
    expect(await balanceOf(other.id)).toBe(20);
  });

  it("give the model only the latest turns that fit the token budget, never an answer without its question", async () => {
    const user = await createTestUser({ credits: 100 });
    const { responder } = await upstream("answer");
    let conversationId: string | undefined;
    for (const q of ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"]) {
      const events = await readEvents(await streamWith(user.id, { message: q, conversationId }, { responder })).all();
      conversationId = events.at(-1)!.data.conversationId as string;
    }
    // Each question is 10 characters and each answer 16 ("echo: " + 10).
    expect(await recentTurns(conversationId!, 26)).toEqual([
      { role: "user", content: "cccccccccc" },
      { role: "assistant", content: "echo: cccccccccc" },
    ]);
    expect(await recentTurns(conversationId!, 30)).toHaveLength(2);
    expect(await recentTurns(conversationId!, 52)).toHaveLength(4);
  });
});

/** Yields `pieces` pieces, one every `everyMs`, then stays silent for `silentMs` before it ends. */
function steadyResponder(pieces: number, everyMs: number, silentMs = 0): ChatResponder {
  return {
    name: "steady",
    async *stream(_question, signal) {
      for (let i = 0; i < pieces; i++) {
        await sleep(everyMs, undefined, { signal });
        yield `piece${i} `;
      }
      if (silentMs > 0) await sleep(silentMs, undefined, { signal });
    },
  };
}

describe("a long answer", () => {
  it("that keeps arriving runs past CHAT_TIMEOUT_MS in total, completes, and is charged", async () => {
    const user = await createTestUser({ credits: 20 });
    // 1.2 s in all against a 600 ms limit, with room for a busy machine's late timers between pieces.
    const responder = steadyResponder(12, 100);
    const events = await readEvents(await streamWith(user.id, { message: "write me an essay" }, { responder, timeoutMs: 600 })).all();
    const text = events.filter((e) => e.event === "delta").map((e) => e.data.text).join("");
    expect(text).toBe(Array.from({ length: 12 }, (_, i) => `piece${i} `).join(""));
    expect(events.at(-1)).toMatchObject({ event: "done", data: { creditsSpent: 10, balance: 10 } });
    const [answer] = await getDb().select().from(chatMessages).where(eq(chatMessages.id, events.at(-1)!.data.messageId as string));
    expect(answer).toMatchObject({ content: text, status: "complete", creditsSpent: 10 });
  });

  it("that goes silent for longer than CHAT_TIMEOUT_MS between pieces times out: CHAT_TIMEOUT, nothing spent", async () => {
    const user = await createTestUser({ credits: 20 });
    const responder = steadyResponder(6, 50, 5_000);
    const started = Date.now();
    const events = await readEvents(await streamWith(user.id, { message: "write me an essay" }, { responder, timeoutMs: 400 })).all();
    expect(events.filter((e) => e.event === "delta")).toHaveLength(6);
    expect(events.at(-1)).toEqual({ event: "error", data: { code: "CHAT_TIMEOUT", creditsSpent: 0, balance: 20 } });
    // The limit is the silence after the last piece, not the whole answer's time, nor the responder's own end.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await balanceOf(user.id)).toBe(20);
  });

  it("is bounded: the model is asked for at most CHAT_MAX_TOKENS, and an answer cut there (finish_reason length) is whole and charged", async () => {
    const user = await createTestUser({ credits: 20 });
    const endpoint = await startChatEndpoint("essay");
    endpoints.push(endpoint);
    const responder = new OpenAICompatibleResponder({ baseURL: endpoint.baseURL, apiKey: "test-key", model: "test-model", maxTokens: 20 });
    const events = await readEvents(await streamWith(user.id, { message: "Write me a 10,000-word essay" }, { responder })).all();
    expect(endpoint.bodies[0]).toMatchObject({ max_tokens: 20, stream: true });
    const text = events.filter((e) => e.event === "delta").map((e) => e.data.text).join("");
    expect(text.trim().split(" ")).toHaveLength(20);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { creditsSpent: 10, balance: 10 } });
  });

  it("from the offline responder is bounded by CHAT_MAX_TOKENS too", async () => {
    const packs = async () => [{ name: "550 크레딧", credits: 550, amount: 5_000 }];
    const question = { turns: [{ role: "user" as const, content: "크레딧 팩 가격이 얼마예요?" }], balance: 0 };
    const read = async (responder: OfflineResponder) => {
      let text = "";
      for await (const piece of responder.stream(question, new AbortController().signal)) text += piece;
      return text;
    };
    const whole = await read(new OfflineResponder(packs, { maxTokens: 1_024 }));
    const bounded = await read(new OfflineResponder(packs, { maxTokens: 12 }));
    expect(whole.length).toBeGreaterThan(12);
    expect(bounded).toBe(whole.slice(0, 12));
    expect(readConfig({ ...process.env, CHAT_MAX_TOKENS: undefined }).chat.maxTokens).toBe(1_024);
  });

  it("repeated with its idempotencyKey while it is still arriving, past CHAT_TIMEOUT_MS and then some, is served once it is done", async () => {
    const user = await createTestUser({ credits: 20 });
    const idempotencyKey = randomUUID();
    // 6.5 s in all, never 600 ms quiet: longer than the repeat's old wait (CHAT_TIMEOUT_MS + 5 s).
    const responder = steadyResponder(65, 100);
    const body = { message: "write me an essay", idempotencyKey };
    const first = readEvents(await streamWith(user.id, body, { responder, timeoutMs: 600 })).all();
    await new Promise((r) => setTimeout(r, 100));
    const again = await readEvents(await streamWith(user.id, body, { responder, timeoutMs: 600 })).all();
    expect(again.at(-1)).toEqual((await first).at(-1));
    expect(again.at(-1)).toMatchObject({ event: "done", data: { creditsSpent: 10 } });
    expect(await balanceOf(user.id)).toBe(10);
  }, 20_000);
});
