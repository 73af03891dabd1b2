import { randomUUID } from "node:crypto";
import { Webhook } from "@portone/server-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "./defaults";
import { sandboxWithReceiver, until } from "./test-fixtures";

let world: Awaited<ReturnType<typeof sandboxWithReceiver>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function paidPayment(w: NonNullable<typeof world>) {
  const paymentId = `pay-${randomUUID()}`;
  await w.portone.preRegisterPayment({ paymentId, totalAmount: 5000, currency: "KRW" });
  await w.control(`/payments/${paymentId}/pay`);
  return paymentId;
}

describe("webhook deliveries", () => {
  it("are PortOne V2 events that the official Webhook.verify accepts, and rejects under another secret", async () => {
    world = await sandboxWithReceiver();
    const paymentId = await paidPayment(world);
    await world.control(`/payments/${paymentId}/cancel`, { amount: 1000 });
    await world.control(`/payments/${paymentId}/cancel`);
    await until(() => world!.receiver.received.length, (n) => n === 3);

    const events = [];
    for (const { body, headers } of world.receiver.received) {
      events.push(await Webhook.verify(SANDBOX_DEFAULTS.webhookSecret, body, headers));
      await expect(Webhook.verify(`whsec_${Buffer.from("another secret").toString("base64")}`, body, headers)).rejects.toBeInstanceOf(
        Webhook.WebhookVerificationError,
      );
    }
    // Deliveries go out concurrently, as PortOne's do: their arrival order is not promised.
    const byType = new Map(events.map((e) => [e.type, e]));
    expect([...byType.keys()].sort()).toEqual(["Transaction.Cancelled", "Transaction.Paid", "Transaction.PartialCancelled"]);
    const paid = byType.get("Transaction.Paid");
    expect(paid).toMatchObject({ data: { paymentId, storeId: SANDBOX_DEFAULTS.storeId, transactionId: expect.any(String) } });
    expect(byType.get("Transaction.PartialCancelled")).toMatchObject({ data: { paymentId, cancellationId: expect.stringMatching(/^cancel-/) } });
    expect(Date.parse((paid as { timestamp: string }).timestamp)).not.toBeNaN();
  });

  it("tell of billing keys issued and deleted, as BillingKey.Issued and BillingKey.Deleted the official Webhook.verify accepts", async () => {
    world = await sandboxWithReceiver();
    const billingKey = await world.issueBillingKey(`user-${randomUUID()}`);
    await world.portone.billingKey.deleteBillingKey({ billingKey });
    await until(() => world!.receiver.received.length, (n) => n === 2);

    const events = await Promise.all(world.receiver.received.map(({ body, headers }) => Webhook.verify(SANDBOX_DEFAULTS.webhookSecret, body, headers)));
    const data = { storeId: SANDBOX_DEFAULTS.storeId, billingKey };
    const seen = events.map((e) => ({ type: String(e.type), data: "data" in e ? e.data : undefined }));
    expect(seen.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: "BillingKey.Deleted", data },
      { type: "BillingKey.Issued", data },
    ]);
    for (const { body, headers } of world.receiver.received) {
      await expect(Webhook.verify(`whsec_${Buffer.from("another secret").toString("base64")}`, body, headers)).rejects.toBeInstanceOf(
        Webhook.WebhookVerificationError,
      );
    }

    const listed = await world.deliveries({ billingKey });
    expect(listed.map((d) => [d.type, d.billingKey, d.paymentId])).toEqual([
      ["BillingKey.Issued", billingKey, undefined],
      ["BillingKey.Deleted", billingKey, undefined],
    ]);
    const paymentId = `pay-${randomUUID()}`;
    await world.portone.payWithBillingKey({ paymentId, billingKey: await world.issueBillingKey("user-2"), orderName: "자동 충전", amount: { total: 1000 }, currency: "KRW" });
    expect((await world.deliveries(paymentId)).map((d) => [d.type, d.paymentId])).toEqual([["Transaction.Paid", paymentId]]);
    expect(await world.deliveries({ billingKey })).toHaveLength(2);
  });

  it("are retried on a 5xx and stop at the first 2xx, each attempt recorded", async () => {
    world = await sandboxWithReceiver({ statuses: [500, 503], retryDelaysMs: [0, 30, 30, 30, 30] });
    const paymentId = await paidPayment(world);
    const [delivery] = await until(
      () => world!.deliveries(paymentId),
      (ds) => ds[0]?.attempts.at(-1)?.status === 200,
    );
    await new Promise((r) => setTimeout(r, 150));
    const [after] = await world.deliveries(paymentId);
    expect(after!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(delivery!.type).toBe("Transaction.Paid");
    const ids = new Set(world.receiver.received.map((r) => r.headers["webhook-id"]));
    expect(ids).toEqual(new Set([delivery!.webhookId]));
  });

  it("give up after the last delay of the schedule", async () => {
    world = await sandboxWithReceiver({ statuses: [500, 500, 500, 500], retryDelaysMs: [0, 20, 20] });
    const paymentId = await paidPayment(world);
    await until(() => world!.deliveries(paymentId), (ds) => ds[0]?.attempts.length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect((await world.deliveries(paymentId))[0]!.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
  });

  it("record a timeout when the receiver does not answer in time", async () => {
    world = await sandboxWithReceiver({ retryDelaysMs: [0], attemptTimeoutMs: 1 });
    const paymentId = await paidPayment(world);
    const [delivery] = await until(() => world!.deliveries(paymentId), (ds) => ds[0]?.attempts.length === 1);
    expect(["timeout", 200]).toContain(delivery!.attempts[0]!.status);
  });

  it("are held while paused and go out on resume; a redelivery resends the same webhook-id", async () => {
    world = await sandboxWithReceiver();
    await world.control("/webhooks/pause");
    const paymentId = await paidPayment(world);
    await new Promise((r) => setTimeout(r, 100));
    const [held] = await world.deliveries(paymentId);
    expect(held!.attempts).toEqual([]);
    expect(world.receiver.received).toHaveLength(0);

    await world.control("/webhooks/resume");
    await until(() => world!.receiver.received.length, (n) => n === 1);
    expect((await world.control(`/webhooks/${held!.webhookId}/redeliver`)).status).toBe(202);
    await until(() => world!.receiver.received.length, (n) => n === 2);
    const [first, second] = world.receiver.received;
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    await Webhook.verify(SANDBOX_DEFAULTS.webhookSecret, second!.body, second!.headers);
    expect((await world.deliveries(paymentId))[0]!.attempts.map((a) => a.status)).toEqual([200, 200]);
  });

  it("are forgotten on reset", async () => {
    world = await sandboxWithReceiver();
    const paymentId = await paidPayment(world);
    await until(() => world!.deliveries(), (ds) => ds.length === 1);
    expect((await world.control("/reset")).status).toBe(200);
    expect(await world.deliveries()).toEqual([]);
    await expect(world.portone.getPayment({ paymentId })).rejects.toThrow();
  });
});
