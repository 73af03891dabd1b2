import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as chat } from "@/app/api/chat/route";
import { POST as reconcile } from "@/app/api/cron/reconcile/route";
import { GET as packs } from "@/app/api/credits/packs/route";
import { POST as completePayment } from "@/app/api/payments/[paymentId]/complete/route";
import { POST as createPayment, GET as listPayments } from "@/app/api/payments/route";
import { POST as signup } from "@/app/api/signup/route";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { asUser, balanceOf, paymentRow, sandbox } from "../support/app";
import { TEST_CRON_SECRET } from "../support/constants";
import { countUsersWithEmail, createTestUser, uniqueEmail } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

const noContext = undefined as never;
const APP_ORIGIN = "http://localhost:3000";

async function ordersOf(userId: string) {
  return getDb().select().from(payments).where(eq(payments.userId, userId));
}

async function postOrder(userId: string, init: { body?: unknown; rawBody?: string; headers?: Record<string, string> }) {
  return createPayment(jsonRequest("/api/payments", { method: "POST", cookie: await sessionCookie(userId), ...init }), noContext);
}

/** A body that streams in small chunks and declares no length, as a chunked upload does. */
function chunkedRequest(path: string, text: string, headers: Record<string, string>) {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
      controller.close();
    },
  });
  return new NextRequest(new URL(path, APP_ORIGIN), { method: "POST", headers, body, duplex: "half" });
}

describe("bodies over 16 KiB: 413 PAYLOAD_TOO_LARGE, nothing created", () => {
  it("a 17 KiB JSON sign-up body", async () => {
    const email = uniqueEmail("big");
    const res = await signup(
      jsonRequest("/api/signup", { method: "POST", body: { email, password: "long enough", name: "x".repeat(17 * 1024) } }),
      noContext,
    );
    expect(res.status).toBe(413);
    expect(await readProblem(res)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, contentType: "application/problem+json" });
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("a 17 KiB order body streamed without a declared length", async () => {
    const user = await createTestUser();
    const req = chunkedRequest("/api/payments", JSON.stringify({ packId: "credits-100", agreedToTerms: true, pad: "x".repeat(17 * 1024) }), {
      "content-type": "application/json",
      cookie: await sessionCookie(user.id),
    });
    const res = await createPayment(req, noContext);
    expect(res.status).toBe(413);
    expect((await readProblem(res)).code).toBe("PAYLOAD_TOO_LARGE");
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it("a declared content-length of 200 MB is refused without reading the body", async () => {
    const user = await createTestUser();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ packId: "credits-100", agreedToTerms: true })));
        controller.close();
      },
    });
    const req = new NextRequest(new URL("/api/payments", APP_ORIGIN), {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024), cookie: await sessionCookie(user.id) },
      body,
      duplex: "half",
    });
    const res = await createPayment(req, noContext);
    expect(res.status).toBe(413);
    expect((await readProblem(res)).code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it("just under the limit is still read", async () => {
    const user = await createTestUser();
    const res = await postOrder(user.id, { body: { packId: "credits-100", agreedToTerms: true, pad: "x".repeat(15 * 1024) } });
    expect(res.status).toBe(201);
  });
});

describe("a POST body that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE", () => {
  it("text/plain to POST /api/payments (a cross-site form's way past SameSite=Lax) creates no order", async () => {
    const user = await createTestUser();
    const res = await postOrder(user.id, {
      rawBody: JSON.stringify({ packId: "credits-100", agreedToTerms: true }),
      headers: { "content-type": "text/plain;charset=UTF-8" },
    });
    expect(res.status).toBe(415);
    expect(await readProblem(res)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", contentType: "application/problem+json" });
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it.each(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"])(
    "%s to POST /api/payments",
    async (contentType) => {
      const user = await createTestUser();
      const res = await postOrder(user.id, { rawBody: '{"packId":"credits-100","agreedToTerms":true}', headers: { "content-type": contentType } });
      expect(res.status).toBe(415);
      expect(await ordersOf(user.id)).toEqual([]);
    },
  );

  it("a body without a content-type", async () => {
    const user = await createTestUser();
    const req = new NextRequest(new URL("/api/payments", APP_ORIGIN), {
      method: "POST",
      headers: { cookie: await sessionCookie(user.id) },
      body: new TextEncoder().encode('{"packId":"credits-100","agreedToTerms":true}'),
    });
    const res = await createPayment(req, noContext);
    expect(res.status).toBe(415);
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it("accepts application/json with a charset parameter, in any letter case", async () => {
    const user = await createTestUser();
    const res = await postOrder(user.id, { body: { packId: "credits-100", agreedToTerms: true }, headers: { "content-type": "Application/JSON; charset=utf-8" } });
    expect(res.status).toBe(201);
  });

  it("a POST without a body needs no content-type (complete)", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    const res = await asUser(user.id).complete(paymentId);
    expect(res.status).toBe(200);
  });
});

describe("a POST from another origin: 403 CROSS_ORIGIN, nothing changed", () => {
  const foreign = ["https://evil.example", "null", "http://localhost:3001", "https://localhost:3000", "http://127.0.0.1:3000"];

  it.each(foreign)("an order from Origin %s", async (origin) => {
    const user = await createTestUser();
    const res = await postOrder(user.id, { body: { packId: "credits-100", agreedToTerms: true }, headers: { origin } });
    expect(res.status).toBe(403);
    expect(await readProblem(res)).toMatchObject({ code: "CROSS_ORIGIN", contentType: "application/problem+json" });
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it("a sign-up from another origin", async () => {
    const email = uniqueEmail("cross");
    const res = await signup(
      jsonRequest("/api/signup", { method: "POST", body: { email, password: "long enough" }, headers: { origin: "https://evil.example" } }),
      noContext,
    );
    expect(res.status).toBe(403);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("a completion without a body from another origin credits nothing", async () => {
    // The sandbox's webhook would credit the payment on its own; held, only the completion could.
    await sandbox.pauseWebhooks();
    try {
      const user = await createTestUser();
      const { paymentId } = await asUser(user.id).orderPack("credits-100");
      await sandbox.pay(paymentId);
      const res = await completePayment(
        jsonRequest(`/api/payments/${paymentId}/complete`, {
          method: "POST",
          cookie: await sessionCookie(user.id),
          headers: { origin: "https://evil.example" },
        }),
        { params: Promise.resolve({ paymentId }) },
      );
      expect(res.status).toBe(403);
      expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING", creditedAt: null });
    } finally {
      await sandbox.resumeWebhooks();
    }
  });

  it("a chat message from another origin spends nothing", async () => {
    const user = await createTestUser({ credits: 30 });
    const res = await chat(
      jsonRequest("/api/chat", {
        method: "POST",
        body: { message: "hello" },
        cookie: await sessionCookie(user.id),
        headers: { origin: "https://evil.example" },
      }),
      noContext,
    );
    expect(res.status).toBe(403);
    expect(await balanceOf(user.id)).toBe(30);
  });

  it("our own origin is served", async () => {
    const user = await createTestUser();
    const res = await postOrder(user.id, { body: { packId: "credits-100", agreedToTerms: true }, headers: { origin: APP_ORIGIN } });
    expect(res.status).toBe(201);
    expect(await ordersOf(user.id)).toHaveLength(1);
  });

  it("a GET is not refused for its Origin", async () => {
    const user = await createTestUser();
    const res = await listPayments(
      jsonRequest("/api/payments", { cookie: await sessionCookie(user.id), headers: { origin: "https://evil.example" } }),
      noContext,
    );
    expect(res.status).toBe(200);
  });

  it("the cron route keeps working for a scheduler, which sends no Origin", async () => {
    const call = (headers: Record<string, string>) =>
      reconcile(jsonRequest("/api/cron/reconcile", { method: "POST", headers: { authorization: `Bearer ${TEST_CRON_SECRET}`, ...headers } }), noContext);
    expect((await call({})).status).toBe(200);
    expect((await call({ origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("x-request-id", () => {
  it("echoes a sane incoming id", async () => {
    const res = await packs(jsonRequest("/api/credits/packs", { headers: { "x-request-id": "req_01.abc-XYZ" } }), noContext);
    expect(res.headers.get("x-request-id")).toBe("req_01.abc-XYZ");
  });

  it.each([
    ["absent", undefined],
    ["with a space", "a b"],
    ["with a quote", 'a"b'],
    ["over 128 characters", "a".repeat(129)],
  ])("generates one when the incoming id is %s", async (_case, given) => {
    const res = await packs(jsonRequest("/api/credits/packs", { headers: given === undefined ? {} : { "x-request-id": given } }), noContext);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("is on problem responses too", async () => {
    const res = await listPayments(jsonRequest("/api/payments", { headers: { "x-request-id": "problem-1" } }), noContext);
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBe("problem-1");
    const refused = await postOrder((await createTestUser()).id, { rawBody: "x", headers: { "content-type": "text/plain", "x-request-id": "problem-2" } });
    expect(refused.status).toBe(415);
    expect(refused.headers.get("x-request-id")).toBe("problem-2");
  });
});
