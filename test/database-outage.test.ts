import { randomUUID } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as getCredits } from "@/app/api/credits/route";
import { GET as getHealth } from "@/app/api/health/route";
import { POST as signUp } from "@/app/api/signup/route";
import { POST as receiveWebhook } from "@/app/api/webhooks/portone/route";
import { closeDb } from "@/db/client";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/scratch-database";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { startDatabaseProxy } from "./support/database-proxy";
import { createTestUser, uniqueEmail } from "./support/factories";
import { jsonRequest, readProblem, sessionCookie } from "./support/requests";

// The app's pool points at a database of this file's own, behind a proxy that stops it on demand.
const suiteDatabaseUrl = process.env.DATABASE_URL;
let database: ScratchDatabase;
let proxy: Awaited<ReturnType<typeof startDatabaseProxy>>;
let cookie: string;

beforeAll(async () => {
  database = await createScratchDatabase(process.env.TEST_DATABASE_URL);
  proxy = await startDatabaseProxy(database.url);
  await closeDb();
  process.env.DATABASE_URL = proxy.url;
  cookie = await sessionCookie((await createTestUser()).id);
});

afterAll(async () => {
  await proxy.set("pass");
  await closeDb();
  process.env.DATABASE_URL = suiteDatabaseUrl;
  await proxy.close();
  await database.drop();
});

const credits = () => getCredits(jsonRequest("/api/credits", { cookie }), undefined as never);
const health = () => getHealth();
const signUpNow = () =>
  signUp(jsonRequest("/api/signup", { body: { email: uniqueEmail("outage"), password: "a good password" } }), undefined as never);

/** A genuine PortOne delivery (signed with the sandbox's secret) for a payment the app has never seen. */
function deliverWebhook() {
  const webhookId = `msg_${randomUUID()}`;
  const at = new Date();
  const body = JSON.stringify({
    type: "Transaction.Paid",
    timestamp: at.toISOString(),
    data: { paymentId: `pay-${randomUUID()}`, storeId: SANDBOX_DEFAULTS.storeId, transactionId: randomUUID() },
  });
  const headers = {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new StandardWebhook(SANDBOX_DEFAULTS.webhookSecret).sign(webhookId, at, body),
  };
  return receiveWebhook(jsonRequest("/api/webhooks/portone", { method: "POST", rawBody: body, headers }));
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

async function expectServiceUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const problem = await readProblem(res);
  expect(problem.contentType).toBe("application/problem+json");
  expect(problem.code).toBe("SERVICE_UNAVAILABLE");
}

async function expectWorking() {
  expect((await credits()).status).toBe(200);
  expect((await health()).status).toBe(200);
  expect((await signUpNow()).status).toBe(201);
}

describe("when the database stops answering under a running app", () => {
  test("it works while the database is reachable", async () => {
    await expectWorking();
  });

  test("blackholed, an API route answers 503 within seconds and the health check within two", async () => {
    await proxy.set("blackhole");
    // The pool's open connection sends the query and hears nothing: the client's reply deadline gives it up.
    const api = await timed(credits);
    await expectServiceUnavailable(api.value);
    expect(api.ms).toBeLessThan(9_000);
    const probe = await timed(health);
    expect(probe.value.status).toBe(503);
    expect(probe.ms).toBeLessThan(2_000);
  });

  test("once the network heals, the same app answers again", async () => {
    await proxy.set("pass");
    await expectWorking();
  });

  test("refused, API routes answer 503 SERVICE_UNAVAILABLE with Retry-After at once, the webhook and health 503", async () => {
    await proxy.set("refuse");
    const api = await timed(credits);
    await expectServiceUnavailable(api.value);
    expect(api.ms).toBeLessThan(2_000);
    await expectServiceUnavailable(await signUpNow());
    // PortOne retries a delivery answered 5xx.
    expect((await deliverWebhook()).status).toBe(503);
    expect((await health()).status).toBe(503);
  });

  test("once the database is back, the same app answers again without a restart", async () => {
    await proxy.set("pass");
    await expectWorking();
  });
});
