import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as chat } from "@/app/api/chat/route";
import { POST as order } from "@/app/api/payments/route";
import { POST as complete } from "@/app/api/payments/[paymentId]/complete/route";
import { POST as refund } from "@/app/api/payments/[paymentId]/refund/route";
import { POST as signup } from "@/app/api/signup/route";
import { POST as webhook } from "@/app/api/webhooks/portone/route";
import { HashingSlots, PasswordHashingBusy } from "@/lib/auth/hashing-slots";
import { clientAddress } from "@/lib/http/client-address";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { consumeRateLimit, forgiveRateLimit, RateLimited, scaledLimit } from "@/lib/http/rate-limit";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { asUser, paymentRow, sandbox } from "../support/app";
import { countUsersWithEmail, createTestUser, uniqueEmail } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie, testAddress } from "../support/requests";

const noContext = undefined as never;

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(await readProblem(res)).toMatchObject({ code: "RATE_LIMITED", contentType: "application/problem+json", retryAfter });
  return retryAfter;
}

describe("abuse limits kept in the database", () => {
  it("lets exactly the limit through when many requests race for one key", async () => {
    const limit = { name: "race", limit: 10, windowSeconds: 60 };
    const subject = testAddress();
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => consumeRateLimit(limit, subject)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(30);
    for (const r of refused) expect(r.reason).toBeInstanceOf(RateLimited);
  });

  it("starts a new window once the old one has ended, and forgiving a hit frees a place", async () => {
    const limit = { name: "window", limit: 2, windowSeconds: 1 };
    const subject = testAddress();
    await consumeRateLimit(limit, subject);
    await consumeRateLimit(limit, subject);
    await expect(consumeRateLimit(limit, subject)).rejects.toBeInstanceOf(RateLimited);
    await forgiveRateLimit(limit, subject);
    await forgiveRateLimit(limit, subject);
    await consumeRateLimit(limit, subject);
    await new Promise((r) => setTimeout(r, 1100));
    await consumeRateLimit(limit, subject);
    await consumeRateLimit(limit, subject);
    await expect(consumeRateLimit(limit, subject)).rejects.toBeInstanceOf(RateLimited);

    // Reconciliation sweeps counters whose window has ended.
    await new Promise((r) => setTimeout(r, 1100));
    const { prunedRateLimits } = await reconcilePayments({ minAgeMs: 0, maxAgeMs: 1, batchSize: 1, maxBatches: 1, paidRechecks: 0 });
    expect(prunedRateLimits).toBeGreaterThanOrEqual(1);
    expect(await getDb().select().from(rateLimits).where(eq(rateLimits.key, `window:${subject}`))).toEqual([]);
  });

  it("scales every limit by RATE_LIMIT_SCALE, and 0 turns them off", () => {
    expect(scaledLimit(10, 1)).toBe(10);
    expect(scaledLimit(10, 0.5)).toBe(5);
    expect(scaledLimit(10, 3)).toBe(30);
    expect(scaledLimit(10, 0.01)).toBe(1);
    expect(scaledLimit(10, 0)).toBeUndefined();
  });

  it("sign-up: 20 attempts per address per hour, then 429 with nothing created; other addresses go on", async () => {
    const address = testAddress();
    const attempt = (body: unknown, from = address) =>
      signup(jsonRequest("/api/signup", { method: "POST", body, headers: { "x-forwarded-for": from } }), noContext);
    // Refused attempts count too: a flood of junk must not be free.
    for (let i = 0; i < 20; i++) expect((await attempt({ email: "not an email", password: "x" })).status).toBe(400);
    const email = uniqueEmail("limited");
    await expectRateLimited(await attempt({ email, password: "a good password" }));
    expect(await countUsersWithEmail(email)).toBe(0);
    expect((await attempt({ email, password: "a good password" }, testAddress())).status).toBe(201);
  });

  it("orders: 30 per account per hour", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const attempt = (packId: string) => order(jsonRequest("/api/payments", { method: "POST", body: { packId }, cookie }), noContext);
    for (let i = 0; i < 30; i++) expect((await attempt("no-such-pack")).status).toBe(400);
    await expectRateLimited(await attempt("credits-100"));
  });

  it("orders: at most 10 open checkouts per account; one paid frees a place", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const open = [];
    for (let i = 0; i < 10; i++) open.push((await as.orderPack("credits-100")).paymentId);
    const retryAfter = await expectRateLimited(await as.order({ packId: "credits-100", agreedToTerms: true }));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    await sandbox.pay(open[0]!);
    expect((await (await as.complete(open[0]!)).json()) as object).toMatchObject({ status: "PAID" });
    expect((await as.order({ packId: "credits-100", agreedToTerms: true })).status).toBe(201);
  });

  it("orders: concurrent orders cannot pass the open-checkout limit together", async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 14 }, () => asUser(user.id).order({ packId: "credits-100", agreedToTerms: true })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(4);
  });

  it("completes: 120 per account per 10 minutes, far above a browser's 5 per purchase", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    const cookie = await sessionCookie(user.id);
    const attempt = (id: string) =>
      complete(jsonRequest(`/api/payments/${id}/complete`, { method: "POST", cookie }), { params: Promise.resolve({ paymentId: id }) });
    for (let i = 0; i < 120; i++) expect((await attempt("pay-unknown")).status).toBe(404);
    const retryAfter = await expectRateLimited(await attempt(paymentId));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it("chat: 60 messages per account per minute", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const attempt = (body: unknown) => chat(jsonRequest("/api/chat", { method: "POST", body, cookie }), noContext);
    for (let i = 0; i < 60; i++) expect((await attempt({ message: "" })).status).toBe(400);
    await expectRateLimited(await attempt({ message: "안녕하세요" }));
  });

  it("refunds: 10 per account per hour, and the payment is left alone", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const attempt = (paymentId: string) =>
      refund(jsonRequest(`/api/payments/${paymentId}/refund`, { method: "POST", cookie }), { params: Promise.resolve({ paymentId }) });
    for (let i = 0; i < 10; i++) expect((await attempt("pay-unknown")).status).toBe(404);
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    await expectRateLimited(await attempt(paymentId));
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING" });
  });

  it("never limits the webhook: a hundred deliveries from one address are each judged on their own", async () => {
    const from = testAddress();
    for (let i = 0; i < 100; i++) {
      const res = await webhook(
        jsonRequest("/api/webhooks/portone", { method: "POST", body: { type: "Transaction.Paid" }, headers: { "x-forwarded-for": from } }),
      );
      expect(res.status).toBe(400);
    }
  });
});

describe("the client's address", () => {
  const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

  it("is the socket's address Next.js records when no proxy is trusted", () => {
    expect(clientAddress(headers("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(headers(), 0)).toBe("unknown");
  });

  it("is the n-th address from the right with TRUST_PROXY_HOPS=n, whatever the client put to the left", () => {
    expect(clientAddress(headers("6.6.6.6, 203.0.113.9, 10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientAddress(headers("203.0.113.9"), 3)).toBe("203.0.113.9");
  });
});

describe("bounded password hashing", () => {
  it("runs at most `size` at once, queues a few, and refuses the rest at once", async () => {
    const slots = new HashingSlots(2, 6);
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return "hashed";
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => slots.run(work)));
    expect(most).toBe(2);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(8);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(12);
    for (const r of refused) expect(r.reason).toBeInstanceOf(PasswordHashingBusy);
    // Every slot came back: the next run goes straight through.
    await expect(slots.run(work)).resolves.toBe("hashed");
  });
});
