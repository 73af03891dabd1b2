import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { GET as getConversationRoute } from "@/app/api/conversations/[conversationId]/route";
import { GET as listConversationsRoute } from "@/app/api/conversations/route";
import { getDb } from "@/db/client";
import { chatMessages, conversations, creditHolds } from "@/db/schema";
import { respondToChat } from "@/lib/chat/chat-response";
import { recentTurns } from "@/lib/chat/conversations";
import { OpenAICompatibleResponder } from "@/lib/chat/openai-responder";
import { sendPremiumMessage } from "@/lib/chat/premium-chat";
import { reserveCredits } from "@/lib/credits/holds";
import { balanceOf, eventually } from "../support/app";
import { startChatEndpoint, type EndpointBehaviour } from "../support/chat-endpoint";
import { readEvents } from "../support/event-stream";
import { createTestUser } from "../support/factories";
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

type Page = { id: string; title: string; messages: Array<{ id: string; role: string; content: string; status: string }>; nextBefore: string | null };

async function readConversation(userId: string, conversationId: string, before?: string) {
  const query = before === undefined ? "" : `?before=${encodeURIComponent(before)}`;
  return getConversationRoute(jsonRequest(`/api/conversations/${conversationId}${query}`, { cookie: await sessionCookie(userId) }), {
    params: Promise.resolve({ conversationId }),
  });
}

async function listed(userId: string): Promise<Array<{ id: string }>> {
  const res = await listConversationsRoute(jsonRequest("/api/conversations", { cookie: await sessionCookie(userId) }), undefined as never);
  return ((await res.json()) as { items: Array<{ id: string }> }).items;
}

function streamWith(userId: string, body: { message: string; conversationId?: string }, responder: OpenAICompatibleResponder) {
  const req = jsonRequest("/api/chat", { method: "POST", body, headers: { accept: "text/event-stream" } });
  return respondToChat(req, userId, body, { responder });
}

const questionsOf = (conversationId: string) =>
  getDb().select().from(chatMessages).where(eq(chatMessages.conversationId, conversationId)).then((rows) => rows.filter((r) => r.role === "user"));

describe("GET /api/conversations/{id}", () => {
  it("answers the latest 50 messages, oldest first, and nextBefore walks back 50 at a time to null", async () => {
    const user = await createTestUser({ credits: 550 });
    let conversationId: string | undefined;
    for (let i = 0; i < 55; i++) {
      ({ conversationId } = await sendPremiumMessage({ userId: user.id, message: `question ${i}`, conversationId }));
    }

    const pages: Page[] = [];
    let before: string | undefined;
    do {
      const res = await readConversation(user.id, conversationId!, before);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      pages.push(page);
      before = page.nextBefore ?? undefined;
    } while (before !== undefined && pages.length < 5);

    expect(pages.map((p) => p.messages.length)).toEqual([50, 50, 10]);
    expect(pages.at(-1)!.nextBefore).toBeNull();
    expect(pages[0]!.nextBefore).toBe(pages[0]!.messages[0]!.id);
    // The pages, oldest first, are the whole conversation in order: each question followed by its answer.
    const all = pages.toReversed().flatMap((p) => p.messages);
    expect(all.filter((m) => m.role === "user").map((m) => m.content)).toEqual(Array.from({ length: 55 }, (_, i) => `question ${i}`));
    expect(all.map((m) => m.role)).toEqual(Array.from({ length: 110 }, (_, i) => (i % 2 === 0 ? "user" : "assistant")));
    expect(new Set(all.map((m) => m.id)).size).toBe(110);
    expect(pages[0]!.messages.at(-1)!.role).toBe("assistant");
    expect(all.at(-2)!.content).toBe("question 54");
  });

  it("answers a short conversation whole, with nextBefore null", async () => {
    const user = await createTestUser({ credits: 20 });
    const { conversationId } = await sendPremiumMessage({ userId: user.id, message: "only question" });
    const page = (await (await readConversation(user.id, conversationId)).json()) as Page;
    expect(page.messages.map((m) => [m.role, m.content.slice(0, 13)])).toEqual([
      ["user", "only question"],
      ["assistant", expect.any(String)],
    ]);
    expect(page.nextBefore).toBeNull();
  });

  it("is a 404 for another person, whatever before says, and a 400 for a before that names no message of it", async () => {
    const owner = await createTestUser({ credits: 30 });
    const other = await createTestUser({ credits: 20 });
    const { conversationId } = await sendPremiumMessage({ userId: owner.id, message: "mine" });
    const { conversationId: elsewhere } = await sendPremiumMessage({ userId: owner.id, message: "another of mine" });
    const [firstMessage] = ((await (await readConversation(owner.id, conversationId)).json()) as Page).messages;

    for (const before of [undefined, firstMessage!.id]) {
      const res = await readConversation(other.id, conversationId, before);
      expect(res.status).toBe(404);
      expect(await readProblem(res)).toMatchObject({ code: "CONVERSATION_NOT_FOUND" });
    }
    const [elsewhereMessage] = ((await (await readConversation(owner.id, elsewhere)).json()) as Page).messages;
    for (const before of ["", "not-an-id", "1' or '1'='1", randomUUID(), elsewhereMessage!.id]) {
      const res = await readConversation(owner.id, conversationId, before);
      expect(res.status, before).toBe(400);
      expect(await readProblem(res)).toMatchObject({ code: "INVALID_INPUT", contentType: "application/problem+json" });
    }
    // Before the oldest message there is nothing, and that is no error.
    const start = (await (await readConversation(owner.id, conversationId, firstMessage!.id)).json()) as Page;
    expect(start).toMatchObject({ messages: [], nextBefore: null });
  });
});

describe("a question whose answer never began", () => {
  it("stopped before the first token, is not kept, and neither is the new conversation it opened", async () => {
    const user = await createTestUser({ credits: 20 });
    const { responder } = await upstream("hang");
    const res = await streamWith(user.id, { message: "x".repeat(4_000) }, responder);
    const conversationId = res.headers.get("x-conversation-id")!;
    expect(await questionsOf(conversationId)).toHaveLength(1);
    const stream = readEvents(res);
    await new Promise((r) => setTimeout(r, 100));
    await stream.stop();

    await eventually(() => getDb().select().from(creditHolds).where(eq(creditHolds.userId, user.id)), (h) => h[0]?.status === "released");
    expect(await balanceOf(user.id)).toBe(20);
    expect(await questionsOf(conversationId)).toEqual([]);
    expect(await getDb().select().from(conversations).where(eq(conversations.id, conversationId))).toEqual([]);
    expect(await listed(user.id)).toEqual([]);
    expect((await readConversation(user.id, conversationId)).status).toBe(404);
  });

  it("failed upstream before any text in a conversation with earlier turns: that question alone is gone, and the model never sees it", async () => {
    const user = await createTestUser({ credits: 30 });
    const answering = await upstream("answer");
    const { conversationId } = await sendPremiumMessage({ userId: user.id, message: "first question" }, { responder: answering.responder });
    const failing = await upstream("fail");
    const events = await readEvents(await streamWith(user.id, { message: "lost question", conversationId }, failing.responder)).all();
    expect(events.at(-1)).toMatchObject({ event: "error", data: { code: "CHAT_UNAVAILABLE", creditsSpent: 0, balance: 20 } });

    const page = (await (await readConversation(user.id, conversationId)).json()) as Page;
    expect(page.messages.map((m) => m.content)).toEqual(["first question", "echo: first question"]);
    expect(await listed(user.id)).toEqual([expect.objectContaining({ id: conversationId })]);
    await sendPremiumMessage({ userId: user.id, message: "next question", conversationId }, { responder: answering.responder });
    expect(answering.endpoint.requests[1]!.slice(1)).toEqual([
      { role: "user", content: "first question" },
      { role: "assistant", content: "echo: first question" },
      { role: "user", content: "next question" },
    ]);
  });

  it("is unlike one whose answer failed after text arrived: that question and the text stay, and nothing is charged", async () => {
    const user = await createTestUser({ credits: 20 });
    const { responder } = await upstream("cut-off");
    const res = await streamWith(user.id, { message: "hello there friend" }, responder);
    const conversationId = res.headers.get("x-conversation-id")!;
    expect((await readEvents(res).all()).at(-1)).toMatchObject({ event: "error", data: { creditsSpent: 0 } });
    const page = (await (await readConversation(user.id, conversationId)).json()) as Page;
    expect(page.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "hello there friend", "complete"],
      ["assistant", "echo: ", "failed"],
    ]);
    expect(await balanceOf(user.id)).toBe(20);
  });

  it("stored empty by an earlier version (stopped, nothing charged) is never part of the model's context", async () => {
    const user = await createTestUser({ credits: 30 });
    const answering = await upstream("answer");
    const { conversationId } = await sendPremiumMessage({ userId: user.id, message: "first question" }, { responder: answering.responder });
    const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    await getDb()
      .insert(chatMessages)
      .values([
        { conversationId, role: "user", content: "stopped question", holdId: hold.id },
        { conversationId, role: "assistant", content: "", status: "stopped", creditsSpent: 0, holdId: hold.id },
      ]);
    expect(await recentTurns(conversationId, 4_000)).toEqual([
      { role: "user", content: "first question" },
      { role: "assistant", content: "echo: first question" },
    ]);
  });
});
