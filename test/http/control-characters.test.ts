import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as chat } from "@/app/api/chat/route";
import { GET as credits } from "@/app/api/credits/route";
import { POST as completePayment } from "@/app/api/payments/[paymentId]/complete/route";
import { POST as refundPayment } from "@/app/api/payments/[paymentId]/refund/route";
import { GET as getPayment } from "@/app/api/payments/[paymentId]/route";
import { POST as createPayment } from "@/app/api/payments/route";
import { POST as signup } from "@/app/api/signup/route";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { balanceOf, ledgerOf } from "../support/app";
import { countUsersWithEmail, createTestUser, uniqueEmail } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

const noContext = undefined as never;

async function expectInvalidInput(res: Response, field?: string) {
  expect(res.status).toBe(400);
  const problem = await readProblem(res);
  expect(problem).toMatchObject({ code: "INVALID_INPUT", contentType: "application/problem+json" });
  if (field) expect(problem.detail).toContain(field);
}

describe("a NUL byte or an over-long id is a 400 INVALID_INPUT, never a 500", () => {
  it.each([
    ["name", { name: "a\u0000b" }],
    ["email", { email: "a\u0000b@example.com" }],
  ])("sign-up with a NUL in %s stores nothing", async (field, override) => {
    const email = uniqueEmail("nul");
    const res = await signup(jsonRequest("/api/signup", { method: "POST", body: { email, password: "long enough", ...override } }), noContext);
    await expectInvalidInput(res, field);
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("an order with a NUL in packId creates nothing", async () => {
    const user = await createTestUser();
    const res = await createPayment(
      jsonRequest("/api/payments", { method: "POST", body: { packId: "credits-100\u0000", agreedToTerms: true }, cookie: await sessionCookie(user.id) }),
      noContext,
    );
    await expectInvalidInput(res, "packId");
    expect(await getDb().select().from(payments).where(eq(payments.userId, user.id))).toEqual([]);
  });

  it.each([
    ["a NUL in the idempotencyKey", { message: "hello", idempotencyKey: "key-\u0000-0001" }, "idempotencyKey"],
    ["an idempotencyKey over 128 characters", { message: "hello", idempotencyKey: "k".repeat(129) }, "idempotencyKey"],
    ["a NUL in the message", { message: "hel\u0000lo" }, "message"],
    ["an escape character in the message", { message: "\u001b[31mred" }, "message"],
  ])("a chat message with %s spends nothing", async (_case, body, field) => {
    const user = await createTestUser({ credits: 30 });
    const res = await chat(jsonRequest("/api/chat", { method: "POST", body, cookie: await sessionCookie(user.id) }), noContext);
    await expectInvalidInput(res, field);
    expect(await balanceOf(user.id)).toBe(30);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it("a chat message may still hold tabs and line breaks", async () => {
    const user = await createTestUser({ credits: 30 });
    const res = await chat(
      jsonRequest("/api/chat", { method: "POST", body: { message: "첫 줄\n\t둘째 줄\r\n" }, cookie: await sessionCookie(user.id) }),
      noContext,
    );
    expect(res.status).toBe(200);
  });

  const badPaymentIds: Array<[string, string]> = [
    ["a NUL", "\u0000"],
    ["a NUL inside", "pay-\u0000-x"],
    ["a line break", "pay-1\n2"],
    ["129 characters", `pay-${"a".repeat(125)}`],
  ];

  describe.each([
    ["GET /api/payments/{paymentId}", getPayment, "GET", ""],
    ["POST /api/payments/{paymentId}/complete", completePayment, "POST", "/complete"],
    ["POST /api/payments/{paymentId}/refund", refundPayment, "POST", "/refund"],
  ] as const)("%s", (_route, handler, method, suffix) => {
    const call = async (paymentId: string) =>
      handler(
        jsonRequest(`/api/payments/${encodeURIComponent(paymentId)}${suffix}`, {
          method,
          cookie: await sessionCookie((await createTestUser()).id),
        }),
        { params: Promise.resolve({ paymentId }) },
      );

    it.each(badPaymentIds)("answers 400 for a paymentId with %s", async (_case, paymentId) => {
      await expectInvalidInput(await call(paymentId), "paymentId");
    });

    it("answers 404 for a well-formed unknown paymentId, as before", async () => {
      const res = await call(`pay-${randomUUID()}`);
      expect(res.status).toBe(404);
      expect((await readProblem(res)).code).toBe("PAYMENT_NOT_FOUND");
    });
  });

  it.each([
    ["a NUL in before", "before=%00"],
    ["a NUL in limit", "limit=1%00"],
    ["a NUL in an unknown parameter", "x=%00"],
    ["a cursor beyond bigint", "before=1e20"],
    ["a limit that is not a number", "limit=abc"],
  ])("GET /api/credits with %s", async (_case, query) => {
    const user = await createTestUser();
    const res = await credits(jsonRequest(`/api/credits?${query}`, { cookie: await sessionCookie(user.id) }), noContext);
    await expectInvalidInput(res);
  });
});
