import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as receiveWebhook } from "@/app/api/webhooks/portone/route";
import { getDb } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, ledgerOf, paymentRow, sandbox } from "../support/app";
import { jsonRequest, readProblem } from "../support/requests";

const signer = new StandardWebhook(SANDBOX_DEFAULTS.webhookSecret);

function paidEvent(paymentId: string) {
  return JSON.stringify({
    type: "Transaction.Paid",
    timestamp: new Date().toISOString(),
    data: { paymentId, storeId: SANDBOX_DEFAULTS.storeId, transactionId: randomUUID() },
  });
}

function signedHeaders(body: string, options: { webhookId?: string; at?: Date } = {}) {
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signer.sign(webhookId, at, body),
  };
}

async function deliver(body: string, headers: Record<string, string>) {
  return receiveWebhook(jsonRequest("/api/webhooks/portone", { method: "POST", rawBody: body, headers }));
}

async function storedEvent(webhookId: string) {
  return getDb().select().from(webhookEvents).where(eq(webhookEvents.webhookId, webhookId));
}

// The sandbox's own deliveries are held, so each test alone decides what reaches the route.
beforeEach(() => sandbox.pauseWebhooks());
afterEach(() => sandbox.resumeWebhooks());

async function paidPayment() {
  const user = await createTestUser();
  const { paymentId } = await asUser(user.id).orderPack("credits-550");
  await sandbox.pay(paymentId);
  return { user, paymentId };
}

describe("POST /api/webhooks/portone refuses what it cannot verify, storing nothing", () => {
  const cases: Array<[string, (body: string, h: Record<string, string>) => [string, Record<string, string>]]> = [
    ["a forged signature", (b, h) => [b, { ...h, "webhook-signature": `v1,${Buffer.alloc(32, 7).toString("base64")}` }]],
    ["a signature over a different body", (b, h) => [b.replace("Transaction.Paid", "Transaction.Cancelled"), h]],
    ["a missing webhook-id", (b, h) => [b, { ...h, "webhook-id": "" }]],
    ["a missing webhook-timestamp", (b, h) => [b, { ...h, "webhook-timestamp": "" }]],
    ["a missing webhook-signature", (b, h) => [b, { ...h, "webhook-signature": "" }]],
  ];

  it.each(cases)("%s: 400", async (_case, tamper) => {
    const { user, paymentId } = await paidPayment();
    const body = paidEvent(paymentId);
    const headers = signedHeaders(body);
    const [sentBody, sentHeaders] = tamper(body, headers);
    const res = await deliver(sentBody, Object.fromEntries(Object.entries(sentHeaders).filter(([, v]) => v)));

    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "WEBHOOK_REJECTED", contentType: "application/problem+json" });
    expect(await storedEvent(headers["webhook-id"])).toEqual([]);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING", creditedAt: null });
    expect(await balanceOf(user.id)).toBe(0);
  });

  it.each([
    ["10 minutes old", -10],
    ["10 minutes ahead", 10],
  ])("a correctly signed timestamp %s: 400", async (_case, minutes) => {
    const { paymentId } = await paidPayment();
    const body = paidEvent(paymentId);
    const headers = signedHeaders(body, { at: new Date(Date.now() + minutes * 60_000) });
    const res = await deliver(body, headers);
    expect(res.status).toBe(400);
    expect(await storedEvent(headers["webhook-id"])).toEqual([]);
    expect((await paymentRow(paymentId)).creditedAt).toBeNull();
  });

  it("a correctly signed body that is not JSON: 400", async () => {
    const body = "this is not json";
    const headers = signedHeaders(body);
    const res = await deliver(body, headers);
    expect(res.status).toBe(400);
    expect(await storedEvent(headers["webhook-id"])).toEqual([]);
  });

  it("a body over 64 KiB: 413, before any verification", async () => {
    const { paymentId } = await paidPayment();
    const body = JSON.stringify({ ...JSON.parse(paidEvent(paymentId)), padding: "x".repeat(70 * 1024) });
    const headers = signedHeaders(body);
    const res = await deliver(body, headers);
    expect(res.status).toBe(413);
    expect(await readProblem(res)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await storedEvent(headers["webhook-id"])).toEqual([]);
    expect((await paymentRow(paymentId)).creditedAt).toBeNull();
  });
});

describe("POST /api/webhooks/portone with verified deliveries", () => {
  it("grants once for a paid payment, and a duplicate delivery changes nothing", async () => {
    const { user, paymentId } = await paidPayment();
    const body = paidEvent(paymentId);
    const headers = signedHeaders(body);

    const first = await deliver(body, headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: "processed", paymentId, status: "PAID" });

    const again = await deliver(body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate", paymentId });

    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
    expect(await storedEvent(headers["webhook-id"])).toMatchObject([{ type: "Transaction.Paid", outcome: "processed" }]);
  });

  it("a delivery answered 503 while PortOne was down is processed when the same webhook-id comes again: the credits arrive once", async () => {
    const { user, paymentId } = await paidPayment();
    const body = paidEvent(paymentId);
    const headers = signedHeaders(body);

    await sandbox.setApi("down");
    try {
      const failed = await deliver(body, headers);
      expect(failed.status).toBe(503);
      expect(await readProblem(failed)).toMatchObject({ code: "WEBHOOK_NOT_PROCESSED" });
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await storedEvent(headers["webhook-id"])).toMatchObject([{ processedAt: null }]);
    expect(await balanceOf(user.id)).toBe(0);

    const again = await deliver(body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: "processed", paymentId, status: "PAID" });
    expect(await (await deliver(body, headers)).json()).toEqual({ received: true, outcome: "duplicate", paymentId });

    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toMatchObject([{ kind: "purchase", delta: 550, paymentId }]);
    expect(await storedEvent(headers["webhook-id"])).toMatchObject([{ outcome: "processed", processedAt: expect.any(Date) }]);
  });

  it("trusts PortOne's API, not the body: a Paid event for an unpaid payment grants nothing", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-1200");
    const body = paidEvent(paymentId);
    const res = await deliver(body, signedHeaders(body));
    expect(await res.json()).toMatchObject({ outcome: "processed", status: "PENDING" });
    expect(await balanceOf(user.id)).toBe(0);
  });

  it("records a verified event for a payment that is not ours and answers 200 without credit", async () => {
    const paymentId = `pay-${randomUUID()}`;
    const body = paidEvent(paymentId);
    const headers = signedHeaders(body);
    const res = await deliver(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "not-ours", paymentId });
    expect(await storedEvent(headers["webhook-id"])).toMatchObject([{ paymentId, outcome: "not-ours" }]);
  });

  it("accepts what the sandbox signs: its delivery of a payment grants the credits", async () => {
    await sandbox.resumeWebhooks();
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-100");
    await sandbox.pay(paymentId);
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.attempts.some((a) => a.status === 200)));
    expect(await balanceOf(user.id)).toBe(100);
  });
});
