import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { config } from "@/lib/env";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, ledgerOf, paymentRow, sandbox } from "../support/app";
import { startCountingPortOne } from "../support/counting-portone";
import { jsonRequest, sessionCookie } from "../support/requests";

// This file's app reads PortOne through a proxy that counts the reads and can slow them down.
let portone: Awaited<ReturnType<typeof startCountingPortOne>>;

beforeAll(async () => {
  portone = await startCountingPortOne(inject("sandboxUrl"));
  process.env.PORTONE_API_BASE_URL = portone.url;
  expect(config().portone.apiBaseUrl).toBe(portone.url);
});

afterAll(async () => {
  process.env.PORTONE_API_BASE_URL = inject("sandboxUrl");
  await portone.close();
});

// The sandbox's webhooks are held, so only the completes read and settle the payment.
beforeEach(() => sandbox.pauseWebhooks());
afterEach(async () => {
  portone.holdReads(0);
  await sandbox.setApi("ok");
  await sandbox.resumeWebhooks();
});

type Completion = { status: string; creditsGranted: boolean; balance: number };

async function paidOrder(packId = "credits-550") {
  const user = await createTestUser();
  const as = asUser(user.id);
  const { paymentId } = await as.orderPack(packId);
  await sandbox.pay(paymentId);
  return { user, as, paymentId };
}

const purchaseRows = async (userId: string) => (await ledgerOf(userId)).filter((e) => e.kind === "purchase");

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("completes of one payment share their PortOne reads", () => {
  it("30 completes at once of a paid order all answer 200, grant once, and read PortOne at most twice", async () => {
    const { user, as, paymentId } = await paidOrder();
    // Each read takes long enough for all thirty to arrive while the first is in flight.
    portone.holdReads(500);

    const answers = await Promise.all(Array.from({ length: 30 }, () => as.complete(paymentId)));

    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const body of (await Promise.all(answers.map((r) => r.json()))) as Completion[]) {
      expect(body).toMatchObject({ status: "PAID", creditsGranted: true, balance: 550 });
    }
    // The read in flight when most of them arrived, and the one after it that they share.
    expect(portone.readsOf(paymentId)).toBeLessThanOrEqual(2);
    expect(await purchaseRows(user.id)).toHaveLength(1);
    expect(await balanceOf(user.id)).toBe(550);
  });

  it("a complete right after the payment grants at once, though another complete read the unpaid order a moment before", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const { paymentId } = await as.orderPack("credits-100");
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PENDING", creditsGranted: false });

    await sandbox.pay(paymentId);
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    expect(portone.readsOf(paymentId)).toBe(2);
  });

  it("a complete that arrives while a read from before the payment is in flight is not answered by that read", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const { paymentId } = await as.orderPack("credits-100");
    portone.holdReads(400);
    const early = as.complete(paymentId);
    await until(() => portone.readsOf(paymentId) === 1);

    // PortOne answered that read "not paid"; its answer is still on the way when the customer pays.
    await sandbox.pay(paymentId);
    const afterPaying = await as.complete(paymentId);

    expect(await afterPaying.json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    expect(await (await early).json()).toMatchObject({ status: "PENDING", creditsGranted: false });
    expect(portone.readsOf(paymentId)).toBe(2);
    expect(await purchaseRows(user.id)).toHaveLength(1);
  });

  it("two app instances share the reads through the payment's row: 15 completes on each, at most two reads", async () => {
    const { user, as, paymentId } = await paidOrder();
    // A second copy of the app's modules: its own in-process reads, the same database.
    vi.resetModules();
    const { POST: completeOnOtherInstance } = await import("@/app/api/payments/[paymentId]/complete/route");
    const cookie = await sessionCookie(user.id);
    const onOtherInstance = () =>
      completeOnOtherInstance(jsonRequest(`/api/payments/${paymentId}/complete`, { method: "POST", cookie }), {
        params: Promise.resolve({ paymentId }),
      });
    portone.holdReads(500);

    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? onOtherInstance() : as.complete(paymentId))));

    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const body of (await Promise.all(answers.map((r) => r.json()))) as Completion[]) {
      expect(body).toMatchObject({ status: "PAID", creditsGranted: true, balance: 550 });
    }
    expect(portone.readsOf(paymentId)).toBeLessThanOrEqual(2);
    expect(await purchaseRows(user.id)).toHaveLength(1);
    expect(await paymentRow(paymentId)).toMatchObject({ completeReadClaimedAt: null, completeReadAt: expect.any(Date) });
  });

  it("completes waiting on a read that finds PortOne down all answer 502, and the next complete reads again", async () => {
    const { user, as, paymentId } = await paidOrder("credits-100");
    await sandbox.setApi("down");

    const answers = await Promise.all(Array.from({ length: 10 }, () => as.complete(paymentId)));

    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(502));
    expect(portone.readsOf(paymentId)).toBeLessThanOrEqual(2);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING", creditedAt: null, completeReadClaimedAt: null });
    await sandbox.setApi("ok");
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    expect(await balanceOf(user.id)).toBe(100);
  });

  it("a read claimed by an instance that crashed holds nobody up once its lease has run out", async () => {
    const { as, paymentId } = await paidOrder("credits-100");
    await getDb()
      .update(payments)
      .set({ completeReadClaimedAt: sql`now() - interval '31 seconds'` })
      .where(eq(payments.id, paymentId));

    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true });
    expect(portone.readsOf(paymentId)).toBe(1);
  });
});
