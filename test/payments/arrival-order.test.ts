import { afterEach, describe, expect, it } from "vitest";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, eventually, ledgerOf, paymentRow, sandbox, webhookEventsFor } from "../support/app";
import { readProblem } from "../support/requests";

afterEach(async () => {
  await sandbox.setApi("ok");
  await sandbox.resumeWebhooks();
});

async function paidOrder(packId = "credits-550") {
  const user = await createTestUser();
  const order = await asUser(user.id).orderPack(packId);
  return { user, paymentId: order.paymentId, as: asUser(user.id) };
}

const succeeded = (status: number | string) => status === 200;

describe("whatever the order in which webhook and browser arrive, the credits are granted once", () => {
  it("webhook first, then complete", async () => {
    const { user, paymentId, as } = await paidOrder();
    await sandbox.pay(paymentId);
    await eventually(() => paymentRow(paymentId), (p) => p.creditedAt !== null);

    const res = await as.complete(paymentId);
    expect(await res.json()).toEqual({ paymentId, status: "PAID", credits: 550, creditsGranted: true, balance: 550 });
    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it("complete first (webhooks held), then the webhook", async () => {
    const { user, paymentId, as } = await paidOrder();
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);

    const res = await as.complete(paymentId);
    expect(await res.json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 550 });

    await sandbox.resumeWebhooks();
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.attempts.some((a) => succeeded(a.status))));
    const [event] = await eventually(() => webhookEventsFor(paymentId), (es) => es.some((e) => e.processedAt !== null));
    expect(event!.outcome).toBe("processed");
    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it("the webhook never arrives: complete alone grants", async () => {
    const { user, paymentId, as } = await paidOrder("credits-100");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);

    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    const deliveries = await sandbox.deliveries(paymentId);
    expect(deliveries.flatMap((d) => d.attempts)).toEqual([]);
    expect(await webhookEventsFor(paymentId)).toEqual([]);
    expect(await ledgerOf(user.id)).toMatchObject([{ kind: "purchase", delta: 100, paymentId, balanceAfter: 100 }]);
  });

  it("complete while PortOne is down answers 502 and changes nothing; a later complete grants", async () => {
    const { user, paymentId, as } = await paidOrder();
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);
    await sandbox.setApi("down");

    const down = await as.complete(paymentId);
    expect(down.status).toBe(502);
    expect(await readProblem(down)).toMatchObject({ code: "PORTONE_UNAVAILABLE", contentType: "application/problem+json" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PENDING", creditedAt: null });
    expect(await balanceOf(user.id)).toBe(0);

    await sandbox.setApi("ok");
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 550 });
  });

  it("a webhook while PortOne is down is answered 5xx, and the sandbox's retry grants", async () => {
    const { user, paymentId } = await paidOrder();
    await sandbox.setApi("down");
    await sandbox.pay(paymentId);

    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.attempts.length >= 1));
    expect(await balanceOf(user.id)).toBe(0);
    await sandbox.setApi("ok");

    const [delivery] = await sandbox.waitForDeliveries(paymentId, (ds) =>
      ds.some((d) => d.attempts.some((a) => succeeded(a.status))),
    );
    const statuses = delivery!.attempts.map((a) => a.status);
    expect(statuses[0]).toBe(503);
    expect(statuses.at(-1)).toBe(200);
    await eventually(() => balanceOf(user.id), (b) => b === 550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });
});
