import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { POST as chat } from "@/app/api/chat/route";
import { GET as credits } from "@/app/api/credits/route";
import { getDb } from "@/db/client";
import { creditHolds } from "@/db/schema";
import { OpenAICompatibleResponder } from "@/lib/chat/openai-responder";
import { sendPremiumMessage } from "@/lib/chat/premium-chat";
import { releaseStaleHolds, reserveCredits } from "@/lib/credits/holds";
import { balanceOf, ledgerOf } from "../support/app";
import { startChatEndpoint } from "../support/chat-endpoint";
import { createTestUser } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

async function postChat(userId: string, body: unknown) {
  return chat(jsonRequest("/api/chat", { method: "POST", body, cookie: await sessionCookie(userId) }), undefined as never);
}

const endpoints: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function responder(behaviour: "answer" | "fail" | "hang", options: Parameters<typeof startChatEndpoint>[1] = {}) {
  const endpoint = await startChatEndpoint(behaviour, options);
  endpoints.push(endpoint);
  return new OpenAICompatibleResponder({ baseURL: endpoint.baseURL, apiKey: "test-key", model: "test-model", maxTokens: 1_024 });
}

describe("POST /api/chat", () => {
  it("answers a premium message for 10 credits, with the offline responder by default", async () => {
    const user = await createTestUser({ credits: 30 });
    const res = await postChat(user.id, { message: "내 크레딧 잔액은?" });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toEqual({ reply: expect.stringContaining("20"), creditsSpent: 10, balance: 20, conversationId: expect.any(String) });
    expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta])).toEqual([
      ["adjust", 30],
      ["reserve", -10],
    ]);
  });

  it("answers 402 INSUFFICIENT_CREDITS and spends nothing when the balance is short", async () => {
    const user = await createTestUser({ credits: 9 });
    const res = await postChat(user.id, { message: "hello" });
    expect(res.status).toBe(402);
    expect(await readProblem(res)).toMatchObject({ code: "INSUFFICIENT_CREDITS", contentType: "application/problem+json" });
    expect(await balanceOf(user.id)).toBe(9);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it.each([
    ["no message", {}],
    ["an empty message", { message: "   " }],
    ["a message over 4,000 characters", { message: "가".repeat(4001) }],
    ["a too short idempotencyKey", { message: "hi", idempotencyKey: "k" }],
  ])("answers 400 for %s", async (_case, body) => {
    const user = await createTestUser({ credits: 100 });
    const res = await postChat(user.id, body);
    expect(res.status).toBe(400);
    expect(await balanceOf(user.id)).toBe(100);
  });

  it("needs a signed-in user", async () => {
    const res = await chat(jsonRequest("/api/chat", { method: "POST", body: { message: "hi" } }), undefined as never);
    expect(res.status).toBe(401);
  });

  it("charges the same idempotencyKey once when sent 20 times concurrently, with the same answer", async () => {
    const user = await createTestUser({ credits: 100 });
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => (await postChat(user.id, { message: "요금이 얼마예요?", idempotencyKey })).json()),
    );
    expect(new Set(answers.map((a) => a.reply)).size).toBe(1);
    expect(answers.every((a) => a.creditsSpent === 10)).toBe(true);
    expect(await balanceOf(user.id)).toBe(90);
    expect((await ledgerOf(user.id)).filter((e) => e.kind === "reserve")).toHaveLength(1);
  });
});

describe("a premium answer that fails costs nothing", () => {
  it("an OpenAI-compatible endpoint's answer is captured", async () => {
    const user = await createTestUser({ credits: 20 });
    const answer = await sendPremiumMessage({ userId: user.id, message: "ping" }, { responder: await responder("answer") });
    expect(answer).toEqual({ reply: "echo: ping", creditsSpent: 10, balance: 10, conversationId: expect.any(String) });
  });

  it("a responder failure releases the reservation: balance unchanged, ledger shows reserve and release", async () => {
    const user = await createTestUser({ credits: 20 });
    await expect(
      sendPremiumMessage({ userId: user.id, message: "ping" }, { responder: await responder("fail") }),
    ).rejects.toMatchObject({ status: 503, code: "CHAT_UNAVAILABLE" });
    expect(await balanceOf(user.id)).toBe(20);
    expect((await ledgerOf(user.id)).map((e) => [e.kind, e.delta, e.balanceAfter])).toEqual([
      ["adjust", 20, 20],
      ["reserve", -10, 10],
      ["release", 10, 20],
    ]);
  });

  it("a responder timeout releases the reservation too", async () => {
    const user = await createTestUser({ credits: 10 });
    await expect(
      sendPremiumMessage({ userId: user.id, message: "ping" }, { responder: await responder("hang"), timeoutMs: 300 }),
    ).rejects.toMatchObject({ status: 503, detail: expect.stringContaining("too long") });
    expect(await balanceOf(user.id)).toBe(10);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["adjust", "reserve", "release"]);
  });
});

describe("an answer that arrives after reconciliation released its hold as stale", () => {
  it("is not delivered and costs nothing: 503, the balance untouched, and a repeat of its idempotencyKey is not served it for free", async () => {
    const user = await createTestUser({ credits: 10 });
    const idempotencyKey = randomUUID();
    const releasedMeanwhile = async () => {
      await getDb().update(creditHolds).set({ createdAt: new Date(Date.now() - 3_600_000) }).where(eq(creditHolds.userId, user.id));
      await releaseStaleHolds(60_000);
    };
    const late = await responder("answer", { beforeAnswer: releasedMeanwhile });

    await expect(sendPremiumMessage({ userId: user.id, message: "ping", idempotencyKey }, { responder: late })).rejects.toMatchObject({
      status: 503,
      code: "CHAT_UNAVAILABLE",
    });
    expect(await balanceOf(user.id)).toBe(10);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["adjust", "reserve", "release"]);

    const repeat = sendPremiumMessage({ userId: user.id, message: "ping", idempotencyKey }, { responder: await responder("answer") });
    await expect(repeat).rejects.toMatchObject({ status: 503, code: "CHAT_UNAVAILABLE" });
    expect(await balanceOf(user.id)).toBe(10);
    expect(await ledgerOf(user.id)).toHaveLength(3);
  });
});

describe("GET /api/credits", () => {
  it("pages through the ledger, newest first", async () => {
    const user = await createTestUser({ credits: 100 });
    for (let i = 0; i < 3; i++) await postChat(user.id, { message: `질문 ${i}` });
    const cookie = await sessionCookie(user.id);
    const first = await (await credits(jsonRequest("/api/credits?limit=2", { cookie }), undefined as never)).json();
    expect(first.balance).toBe(70);
    expect(first.entries.map((e: { balanceAfter: number }) => e.balanceAfter)).toEqual([70, 80]);
    const second = await (
      await credits(jsonRequest(`/api/credits?limit=2&before=${first.nextBefore}`, { cookie }), undefined as never)
    ).json();
    expect(second.entries.map((e: { kind: string; balanceAfter: number }) => [e.kind, e.balanceAfter])).toEqual([
      ["reserve", 90],
      ["adjust", 100],
    ]);
    expect(second.nextBefore).toBeNull();
  });
});

describe("holds left by a request that died", () => {
  it("are released by reconciliation once they are old, and only then", async () => {
    const user = await createTestUser({ credits: 10 });
    const { hold } = await reserveCredits({ userId: user.id, amount: 10, idempotencyKey: randomUUID() });
    expect(await balanceOf(user.id)).toBe(0);

    await releaseStaleHolds(60_000);
    expect(await balanceOf(user.id)).toBe(0);

    await getDb().update(creditHolds).set({ createdAt: new Date(Date.now() - 3_600_000) }).where(eq(creditHolds.id, hold.id));
    expect(await releaseStaleHolds(60_000)).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(user.id)).toBe(10);
    expect((await ledgerOf(user.id)).map((e) => e.kind)).toEqual(["adjust", "reserve", "release"]);
  });
});
