import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as changePassword } from "@/app/api/account/password/route";
import { GET as adminAudit } from "@/app/api/admin/audit/route";
import { POST as adminLedgerCheck } from "@/app/api/admin/ledger-check/route";
import { POST as adminReconcile } from "@/app/api/admin/reconcile/route";
import { POST as adminAdjust } from "@/app/api/admin/users/[userId]/adjustments/route";
import { GET as adminUsers } from "@/app/api/admin/users/route";
import { DELETE as endSessions } from "@/app/api/account/sessions/route";
import { POST as chat } from "@/app/api/chat/route";
import { GET as adminPaymentsCsv } from "@/app/api/admin/payments.csv/route";
import { POST as adminRefund } from "@/app/api/admin/payments/[paymentId]/refund/route";
import { GET as adminPayment } from "@/app/api/admin/payments/[paymentId]/route";
import { POST as adminSync } from "@/app/api/admin/payments/[paymentId]/sync/route";
import { GET as adminPayments } from "@/app/api/admin/payments/route";
import { GET as packs } from "@/app/api/credits/packs/route";
import { GET as credits } from "@/app/api/credits/route";
import { POST as reconcile } from "@/app/api/cron/reconcile/route";
import { POST as complete } from "@/app/api/payments/[paymentId]/complete/route";
import { POST as refund } from "@/app/api/payments/[paymentId]/refund/route";
import { GET as refundQuote } from "@/app/api/payments/[paymentId]/refund-quote/route";
import { GET as getPayment } from "@/app/api/payments/[paymentId]/route";
import { GET as listPayments, POST as createPayment } from "@/app/api/payments/route";
import { POST as signup } from "@/app/api/signup/route";
import { POST as webhook } from "@/app/api/webhooks/portone/route";
import { proxy } from "@/proxy";
import { asUser } from "../support/app";
import { TEST_CRON_SECRET } from "../support/constants";
import { createTestOperator, createTestUser } from "../support/factories";
import { sessionCookie } from "../support/requests";

/**
 * Throws junk at every route handler of ours, signed in and out: odd bodies, content
 * types, origins, lengths, path params and query strings. Whatever arrives, the answer
 * is never a 500, and every failure is problem+json carrying a request id. A path or
 * query that does not percent-decode is refused by proxy.ts before the router.
 */

const APP_ORIGIN = "http://localhost:3000";
const RUNS_PER_ROUTE = 50;

type AnyHandler = (req: NextRequest, context: unknown) => Promise<Response>;

type Route = {
  name: string;
  method: "GET" | "POST" | "DELETE";
  handler: AnyHandler;
  path: (paymentId: string) => string;
  hasPaymentId?: boolean;
  /** The route's one path param is a userId (the fuzzing user's, or junk) rather than a paymentId. */
  hasUserId?: boolean;
  /** An operator's route: the signed-in caller is an operator, so junk gets past the role check. */
  operator?: boolean;
  /** The body fields the route reads, each with plausible values, so shaped junk gets past parsing into validation and beyond. */
  fields?: Record<string, unknown[]>;
};

const routes: Route[] = [
  { name: "POST /api/signup", method: "POST", handler: signup as AnyHandler, path: () => "/api/signup", fields: { email: ["fuzz@example.com"], password: ["long enough", "short"], name: ["퍼즈"] } },
  { name: "GET /api/credits/packs", method: "GET", handler: packs as AnyHandler, path: () => "/api/credits/packs" },
  { name: "GET /api/credits", method: "GET", handler: credits as AnyHandler, path: () => "/api/credits" },
  { name: "POST /api/chat", method: "POST", handler: chat as AnyHandler, path: () => "/api/chat", fields: { message: ["hello"], idempotencyKey: ["fuzz-key-0001"], conversationId: [] } },
  { name: "GET /api/payments", method: "GET", handler: listPayments as AnyHandler, path: () => "/api/payments" },
  {
    name: "POST /api/payments",
    method: "POST",
    handler: createPayment as AnyHandler,
    path: () => "/api/payments",
    fields: { packId: ["credits-100"], payMethod: ["CARD", "VIRTUAL_ACCOUNT", "EASY_PAY"], agreedToTerms: [true], easyPayProvider: ["KAKAOPAY"] },
  },
  { name: "GET /api/payments/{paymentId}", method: "GET", handler: getPayment as AnyHandler, path: (id) => `/api/payments/${id}`, hasPaymentId: true },
  {
    name: "POST /api/payments/{paymentId}/complete",
    method: "POST",
    handler: complete as AnyHandler,
    path: (id) => `/api/payments/${id}/complete`,
    hasPaymentId: true,
  },
  {
    name: "POST /api/payments/{paymentId}/refund",
    method: "POST",
    handler: refund as AnyHandler,
    path: (id) => `/api/payments/${id}/refund`,
    hasPaymentId: true,
    fields: { expectedAmount: [1000] },
  },
  {
    name: "GET /api/payments/{paymentId}/refund-quote",
    method: "GET",
    handler: refundQuote as AnyHandler,
    path: (id) => `/api/payments/${id}/refund-quote`,
    hasPaymentId: true,
  },
  { name: "GET /api/admin/payments", method: "GET", handler: adminPayments as AnyHandler, path: () => "/api/admin/payments", operator: true },
  { name: "GET /api/admin/payments.csv", method: "GET", handler: adminPaymentsCsv as AnyHandler, path: () => "/api/admin/payments.csv", operator: true },
  { name: "GET /api/admin/payments/{paymentId}", method: "GET", handler: adminPayment as AnyHandler, path: (id) => `/api/admin/payments/${id}`, hasPaymentId: true, operator: true },
  {
    name: "POST /api/admin/payments/{paymentId}/refund",
    method: "POST",
    handler: adminRefund as AnyHandler,
    path: (id) => `/api/admin/payments/${id}/refund`,
    hasPaymentId: true,
    fields: { amount: [100, 1000], reason: ["퍼즈 테스트"] },
    operator: true,
  },
  {
    name: "POST /api/admin/payments/{paymentId}/sync",
    method: "POST",
    handler: adminSync as AnyHandler,
    path: (id) => `/api/admin/payments/${id}/sync`,
    hasPaymentId: true,
    fields: { reason: ["퍼즈 테스트"] },
    operator: true,
  },
  { name: "POST /api/cron/reconcile", method: "POST", handler: reconcile as AnyHandler, path: () => "/api/cron/reconcile" },
  {
    name: "POST /api/webhooks/portone",
    method: "POST",
    handler: webhook as AnyHandler,
    path: () => "/api/webhooks/portone",
    fields: { type: ["Transaction.Paid"], timestamp: [new Date().toISOString()], data: [{ paymentId: "pay-x" }] },
  },
  { name: "GET /api/admin/users", method: "GET", handler: adminUsers as AnyHandler, path: () => "/api/admin/users", operator: true },
  {
    name: "POST /api/admin/users/{userId}/adjustments",
    method: "POST",
    handler: adminAdjust as AnyHandler,
    path: (id) => `/api/admin/users/${id}/adjustments`,
    hasUserId: true,
    operator: true,
    fields: { credits: [5, -5, 0, 1_000_001], kind: ["paid", "bonus"], reason: ["퍼즈 조정"], idempotencyKey: ["fuzz-adjust-0001"] },
  },
  { name: "GET /api/admin/audit", method: "GET", handler: adminAudit as AnyHandler, path: () => "/api/admin/audit", operator: true },
  {
    name: "POST /api/admin/reconcile",
    method: "POST",
    handler: adminReconcile as AnyHandler,
    path: () => "/api/admin/reconcile",
    operator: true,
    fields: { reason: ["퍼즈 대사"] },
  },
  {
    name: "POST /api/admin/ledger-check",
    method: "POST",
    handler: adminLedgerCheck as AnyHandler,
    path: () => "/api/admin/ledger-check",
    operator: true,
    fields: { reason: ["퍼즈 점검"] },
  },
  // Last: ending the sessions signs the fuzzing user out for every route after it.
  {
    name: "POST /api/account/password",
    method: "POST",
    handler: changePassword as AnyHandler,
    path: () => "/api/account/password",
    fields: { currentPassword: ["not the password"], newPassword: ["a new password", "short"] },
  },
  { name: "DELETE /api/account/sessions", method: "DELETE", handler: endSessions as AnyHandler, path: () => "/api/account/sessions" },
];

const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "pay-\u0000",
  "\u001b[31m",
  "\r\n",
  "\ud800",
  "%00",
  "../../etc/passwd",
  "' OR 1=1 --",
  "credits-100",
  "CARD",
  "VIRTUAL_ACCOUNT",
  "someone@example.com",
  "long enough password",
  "Transaction.Paid",
);
// NUL weighted up: of the control characters, it is the one Postgres refuses.
const withControlCharacter = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\u0000", "\u0000", "\u0001", "\u001f", "\u007f"), fc.string({ maxLength: 20 }))
  .map(([a, c, b]) => `${a}${c}${b}`);
const hugeString = fc.integer({ min: 15_000, max: 17_500 }).map((n) => "x".repeat(n));
const junkString = fc.oneof(
  { arbitrary: nasty, weight: 3 },
  { arbitrary: withControlCharacter, weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: junkString, weight: 8 },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), junkString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 4 }),
);

type Body = string | Uint8Array<ArrayBuffer> | undefined;

function bodyFor(route: Route): fc.Arbitrary<Body> {
  const fields = Object.entries(route.fields ?? { x: [] });
  const value = (plausible: unknown[]) =>
    plausible.length ? fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 3 }, { arbitrary: junkValue, weight: 1 }) : junkValue;
  const shape = Object.fromEntries(fields.map(([f, plausible]) => [f, value(plausible)]));
  return fc.oneof(
    { arbitrary: fc.record(shape).map((b) => JSON.stringify(b)), weight: 6 },
    { arbitrary: fc.record(shape, { requiredKeys: [] }).map((b) => JSON.stringify(b)), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 100 }), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    { arbitrary: hugeString.map((s) => JSON.stringify({ [fields[0]![0]]: s })), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

const contentType = fc.oneof(
  { arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8"), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      "",
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "application/jsonp",
      "application/vnd.api+json",
      "json",
      "application/json, text/plain",
    ),
    weight: 2,
  },
);

const origin = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, APP_ORIGIN), weight: 8 },
  { arbitrary: fc.constantFrom("https://evil.example", "null", "", "http://localhost:3001", `${APP_ORIGIN}/`, "HTTP://LOCALHOST:3000"), weight: 1 },
);

const contentLength = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 10 },
  { arbitrary: fc.constantFrom("0", "17", "16385", "999999999999", "-1", "abc", "1e9"), weight: 1 },
);

// Header values are Latin-1 without NUL or line breaks; anything else never reaches a handler.
const requestId = fc.option(fc.stringMatching(/^[\x20-\x7e]{0,140}$/), { nil: undefined });

const query = fc.dictionary(fc.constantFrom("limit", "before", "q", "x", "limit\u0000", "cursor", "targetType", "targetId", "actor", "status", "from", "to"), junkString.filter((s) => s.length < 300), {
  maxKeys: 3,
});

function paymentIdArb(realPaymentId: string) {
  return fc.oneof(
    { arbitrary: fc.constant(realPaymentId), weight: 2 },
    { arbitrary: fc.uuid().map((u) => `pay-${u}`), weight: 1 },
    { arbitrary: junkString, weight: 4 },
    { arbitrary: fc.string({ minLength: 120, maxLength: 140 }), weight: 1 },
  );
}

function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "invalid-utf16";
  }
}

function requestFor(
  route: Route,
  input: {
    paymentId: string;
    body: Body;
    contentType: string | undefined;
    origin: string | undefined;
    contentLength: string | undefined;
    requestId: string | undefined;
    query: Record<string, string>;
    cookie: string | undefined;
    authorization: string | undefined;
  },
): NextRequest {
  const url = new URL(route.path(encodePathSegment(input.paymentId)), APP_ORIGIN);
  for (const [k, v] of Object.entries(input.query)) url.searchParams.set(k, v);
  const headers = new Headers();
  const set = (name: string, value: string | undefined) => value !== undefined && headers.set(name, value);
  set("content-type", input.contentType);
  set("origin", input.origin);
  set("content-length", input.contentLength);
  set("x-request-id", input.requestId);
  set("cookie", input.cookie);
  set("authorization", input.authorization);
  return new NextRequest(url, { method: route.method, headers, body: route.method === "GET" ? undefined : input.body });
}

async function expectNoServerErrorAndProblems(res: Response) {
  expect(res.status).not.toBe(500);
  expect(res.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  if (res.status >= 200 && res.status < 300) {
    await res.arrayBuffer();
    return;
  }
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await res.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: res.status,
    detail: expect.any(String),
    code: expect.any(String),
  });
}

let cookies: Array<string | undefined>;
let realPaymentId: string;
let realUserId: string;

beforeAll(async () => {
  const user = await createTestUser({ credits: 1_000 });
  ({ paymentId: realPaymentId } = await asUser(user.id).orderPack("credits-100"));
  realUserId = user.id;
  // An operator too, so the console's routes get past their role check into validation and beyond.
  const operator = await createTestOperator();
  cookies = [undefined, await sessionCookie(user.id), "next-auth.session-token=not-a-token", await sessionCookie(operator.id)];
});

describe("every route handler of ours, under random input", () => {
  it.each(routes)("$name: never a 500, every failure problem+json", async (route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          paymentId: route.hasPaymentId ? paymentIdArb(realPaymentId) : route.hasUserId ? paymentIdArb(realUserId) : fc.constant(""),
          body: bodyFor(route),
          contentType,
          origin,
          contentLength,
          requestId,
          query,
          cookie: (route.operator ? fc.constantFrom(0, 1, 3, 3, 3, 2) : fc.constantFrom(0, 1, 1, 1, 2)).map((i) => cookies[i]),
          authorization: fc.constantFrom(undefined, "Bearer nope", `Bearer ${TEST_CRON_SECRET}`, "Basic Zm9vOmJhcg=="),
        }),
        async (input) => {
          const req = requestFor(route, input);
          const context = route.hasPaymentId
            ? { params: Promise.resolve({ paymentId: input.paymentId }) }
            : route.hasUserId
              ? { params: Promise.resolve({ userId: input.paymentId }) }
              : undefined;
          await expectNoServerErrorAndProblems(await route.handler(req, context));
        },
      ),
      { numRuns: RUNS_PER_ROUTE },
    );
  });
});

// Sent raw, as a client may: each one makes decodeURIComponent throw, and Next.js's router with it.
const undecodable = fc.constantFrom("%C0%AF", "%E0%A4%A", "%ZZ", "%", "%E0%A4", "%FF", "%ED%A0%80", "%c0%80", "%%", "%2");
const plainText = fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/);
// Starting with no hex digit, so that it cannot complete the escape before it ("%E0%A4%A" + "0").
const plainTextAfter = fc.stringMatching(/^([g-zG-Z._~-][A-Za-z0-9._~-]{0,11})?$/);
const withUndecodable = fc.tuple(plainText, undecodable, plainTextAfter).map(([a, bad, b]) => `${a}${bad}${b}`);

/** What a request gets from the app: proxy.ts first, as Next.js runs it, then the route handler if it lets the request through. */
async function throughProxy(route: Route, req: NextRequest, context: unknown): Promise<Response> {
  const early = proxy(req);
  if (early.headers.get("x-middleware-next") !== "1") return early;
  return route.handler(req, context);
}

describe("every route of ours, with a percent-encoding that does not decode", () => {
  it.each(routes)("$name: 400 MALFORMED_URL, problem+json with the API's policy and a request id", async (route) => {
    const hasParam = route.hasPaymentId || route.hasUserId;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          where: hasParam ? fc.constantFrom("path" as const, "query" as const) : fc.constant("query" as const),
          key: fc.constantFrom("limit", "q", "cursor", "x", "%ZZ"),
          bad: withUndecodable,
          good: fc.dictionary(fc.constantFrom("limit", "q", "x"), junkString.filter((s) => s.length < 50), { maxKeys: 2 }),
          cookie: fc.constantFrom(0, 1, 3).map((i) => cookies[i]),
          origin,
        }),
        async (input) => {
          const url = new URL(route.path(input.where === "path" ? input.bad : realPaymentId), APP_ORIGIN);
          for (const [k, v] of Object.entries(input.good)) url.searchParams.set(k, v);
          if (input.where === "query") url.search += `${url.search ? "&" : "?"}${input.key}=${input.bad}`;
          const headers = new Headers({ "content-type": "application/json" });
          if (input.cookie) headers.set("cookie", input.cookie);
          if (input.origin) headers.set("origin", input.origin);
          const req = new NextRequest(url, { method: route.method, headers, body: route.method === "GET" ? undefined : "{}" });
          const param = input.where === "path" ? input.bad : realPaymentId;
          const context = hasParam ? { params: Promise.resolve(route.hasUserId ? { userId: param } : { paymentId: param }) } : undefined;

          const res = await throughProxy(route, req, context);
          expect(res.status).toBe(400);
          expect(res.headers.get("content-type")).toBe("application/problem+json");
          expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
          expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
          expect(await res.json()).toMatchObject({ status: 400, code: "MALFORMED_URL", title: expect.any(String), detail: expect.any(String) });
        },
      ),
      { numRuns: 20 },
    );
  });
});
