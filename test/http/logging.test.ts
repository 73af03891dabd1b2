import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as createPayment } from "@/app/api/payments/route";
import { getDb } from "@/db/client";
import { autoTopUpSettings, users } from "@/db/schema";
import { topUpAfterSpend } from "@/lib/auto-topup/after-spend";
import { spendCredits } from "@/lib/credits/spend";
import { handle } from "@/lib/http/route";
import { log } from "@/lib/log";
import { enableAutoTopUp, portone, topUpsOf } from "../support/auto-topup";
import { createTestUser, uniqueEmail } from "../support/factories";
import { jsonRequest, sessionCookie } from "../support/requests";

// The app's own logger, configured as in production, writing to this array instead of stdout.
const captured = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock("@/lib/log", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/log")>();
  const logger = actual.createLogger({ write: (line: string) => void captured.lines.push(line) });
  logger.level = "info";
  return { ...actual, log: logger };
});

type LogLine = { msg: string; requestId?: string; err?: { type: string; message: string; stack?: string; cause?: Record<string, unknown> } };

function linesWith(msg: string): LogLine[] {
  return captured.lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.msg === msg);
}

const PASSWORD_HASH = `scrypt$131072$8$1$${"s".repeat(22)}$${"k".repeat(43)}`;

beforeEach(() => {
  captured.lines.length = 0;
});

describe("a failed database query in a route handler", () => {
  async function failingInsert(requestId: string) {
    const email = uniqueEmail("log");
    await createTestUser({ email });
    // A unique violation: Drizzle's message repeats every parameter, and Postgres's detail quotes the email.
    const route = handle(async () => {
      await getDb().insert(users).values({ email, passwordHash: PASSWORD_HASH });
      return new Response(null, { status: 204 });
    });
    const res = await route(jsonRequest("/api/test", { method: "POST", body: {}, headers: { "x-request-id": requestId } }), undefined);
    return { res, email };
  }

  it("is logged by the driver's code and message, without the query's parameters", async () => {
    const { res, email } = await failingInsert("log-test-1");
    expect(res.status).toBe(500);
    const [line] = linesWith("unhandled error in route handler");
    expect(line).toBeDefined();
    expect(line!.err).toMatchObject({
      type: "DrizzleQueryError",
      cause: { type: "PostgresError", code: "23505", message: expect.stringContaining("unique") },
    });
    const raw = captured.lines.join("\n");
    expect(raw).not.toContain(PASSWORD_HASH);
    expect(raw).not.toContain(email);
    expect(raw).not.toMatch(/insert into/i);
    expect(raw).not.toContain("params:");
  });

  it("carries the request id, which the problem response echoes", async () => {
    const { res } = await failingInsert("log-test-2");
    expect(res.headers.get("x-request-id")).toBe("log-test-2");
    expect(linesWith("unhandled error in route handler")).toMatchObject([{ requestId: "log-test-2" }]);
  });
});

describe("request ids in the logs", () => {
  it("reach log lines written deep in lib/ during the request", async () => {
    const user = await createTestUser();
    const res = await createPayment(
      jsonRequest("/api/payments", {
        method: "POST",
        body: { packId: "credits-100", agreedToTerms: true },
        cookie: await sessionCookie(user.id),
        headers: { "x-request-id": "order-log-1" },
      }),
      undefined as never,
    );
    expect(res.status).toBe(201);
    expect(linesWith("order created")).toMatchObject([{ requestId: "order-log-1" }]);
  });

  it("a generated id is the one logged and echoed", async () => {
    const user = await createTestUser();
    const res = await createPayment(
      jsonRequest("/api/payments", { method: "POST", body: { packId: "credits-100", agreedToTerms: true }, cookie: await sessionCookie(user.id) }),
      undefined as never,
    );
    const echoed = res.headers.get("x-request-id");
    expect(echoed).toBeTruthy();
    expect(linesWith("order created")).toMatchObject([{ requestId: echoed }]);
  });

  it("are absent outside a request", () => {
    log.info("outside");
    expect(linesWith("outside")[0]).not.toHaveProperty("requestId");
  });
});

it("secret keys are redacted even if a call site logs them", () => {
  const token = randomUUID();
  log.info({ password: "hunter22", user: { passwordHash: PASSWORD_HASH }, cardNumber: "4111111111111111", token }, "careless");
  const raw = captured.lines.join("\n");
  for (const secret of ["hunter22", PASSWORD_HASH, "4111111111111111", token]) expect(raw).not.toContain(secret);
  expect(linesWith("careless")[0]).toMatchObject({ password: "[redacted]", user: { passwordHash: "[redacted]" } });
});

describe("billing keys in error messages", () => {
  // PortOne's own message quotes the key it refuses, as it does for a key it deleted.
  const refusalMessage = /^빌링키가 존재하지 않습니다: billing-key-\[redacted\]$/;

  async function refusedCharge(billingKey: string): Promise<Error> {
    try {
      await portone.payWithBillingKey({ paymentId: `pay-${randomUUID()}`, billingKey, orderName: "크레딧 100", amount: { total: 1_000 }, currency: "KRW" });
    } catch (error) {
      return error as Error;
    }
    throw new Error("PortOne charged a key it never issued");
  }

  it("never reach the line an auto top-up refused by PortOne writes, while the rest of PortOne's message does", async () => {
    const user = await createTestUser({ credits: 60 });
    await enableAutoTopUp(user.id, { packId: "credits-100", threshold: 50 });
    // The saved card's key as PortOne no longer knows it.
    const gone = `billing-key-${randomUUID()}`;
    await getDb().update(autoTopUpSettings).set({ billingKey: gone }).where(eq(autoTopUpSettings.userId, user.id));
    const deferred: Array<() => Promise<unknown>> = [];
    await spendCredits({ userId: user.id, amount: 20, idempotencyKey: randomUUID() });
    await topUpAfterSpend(user.id, (task) => deferred.push(task));
    await Promise.all(deferred.map((task) => task()));

    expect(await topUpsOf(user.id)).toMatchObject([{ status: "FAILED" }]);
    const [line] = linesWith("auto top-up refused");
    expect(line!.err).toMatchObject({ type: "PayWithBillingKeyError", message: expect.stringMatching(refusalMessage) });
    expect(line!.err!.stack).toContain("billing-key-[redacted]");
    expect(captured.lines.join("\n")).not.toContain(gone);
  });

  it("are scrubbed from a message, a stack, a nested cause, an aggregate, pino's msg and any string field", async () => {
    const uuid = randomUUID();
    const key = `billing-key-${uuid}`;
    const refused = await refusedCharge(key);
    expect(refused.message).toContain(key);
    const wrapped = new Error("auto top-up failed", { cause: new Error("charge failed", { cause: refused }) });
    log.warn({ err: wrapped }, "nested");
    log.warn({ err: new AggregateError([refused], "several") }, "aggregate");
    log.warn(refused);
    log.warn({ paymentId: "pay-1", error: refused.message, note: `key billing-key-${uuid.toUpperCase()}` }, "as a string");

    const raw = captured.lines.join("\n");
    expect(raw).not.toMatch(new RegExp(uuid, "i"));
    const lines = captured.lines.map((l) => JSON.parse(l) as LogLine & Record<string, unknown>);
    const cause = (lines[0]!.err!.cause as { cause: { message: string } }).cause;
    expect(cause.message).toMatch(refusalMessage);
    expect(lines[1]!.err).toMatchObject({ errors: [{ message: expect.stringMatching(refusalMessage) }] });
    expect(lines[2]!.msg).toMatch(refusalMessage);
    expect(lines[3]).toMatchObject({ error: expect.stringMatching(refusalMessage), note: "key billing-key-[redacted]" });
  });
});
