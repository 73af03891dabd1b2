import { describe, expect, it } from "vitest";
import { syncPayment } from "@/lib/payments/sync";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, creditedPurchase, ledgerOf, paymentRow, sandbox } from "../support/app";

describe("exactly once under concurrency", () => {
  it("30 concurrent completes and 5 redeliveries of the webhook yield one ledger row and one balance increase", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const { paymentId } = await as.orderPack("credits-550");
    await sandbox.pauseWebhooks();
    await sandbox.pay(paymentId);
    const [held] = await sandbox.waitForDeliveries(paymentId, (ds) => ds.length > 0);

    const completes = Array.from({ length: 30 }, () => as.complete(paymentId).then((r) => r.json()));
    const redeliveries = [sandbox.resumeWebhooks(), ...Array.from({ length: 5 }, () => sandbox.redeliver(held!.webhookId))];
    const [answers] = await Promise.all([Promise.all(completes), Promise.all(redeliveries)]);
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.flatMap((d) => d.attempts).filter((a) => a.status === 200).length >= 6);

    for (const answer of answers) expect(answer).toMatchObject({ status: "PAID", creditsGranted: true });
    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toMatchObject([{ kind: "purchase", delta: 550, balanceAfter: 550, paymentId }]);
  });

  it("40 concurrent syncPayment calls grant once", async () => {
    const user = await createTestUser();
    const { paymentId } = await asUser(user.id).orderPack("credits-1200");
    await sandbox.pauseWebhooks();
    try {
      await sandbox.pay(paymentId);
      const results = await Promise.all(Array.from({ length: 40 }, () => syncPayment(paymentId)));
      expect(results.filter((r) => r.ours && r.granted)).toHaveLength(1);
    } finally {
      await sandbox.resumeWebhooks();
    }
    expect(await balanceOf(user.id)).toBe(1200);
    expect(await ledgerOf(user.id)).toHaveLength(1);
  });

  it("a credited payment that PortOne still reports PAID is not credited again: one purchase row, the pack's credits once", async () => {
    const user = await createTestUser();
    const paymentId = await creditedPurchase(user.id, "credits-550");
    const creditedAt = (await paymentRow(paymentId)).creditedAt;

    // Synced again, as each webhook delivery and reconciliation would: PortOne still says PAID.
    for (let i = 0; i < 3; i++) {
      expect(await syncPayment(paymentId)).toMatchObject({ ours: true, granted: false, payment: { status: "PAID" } });
    }
    expect(await (await asUser(user.id).complete(paymentId)).json()).toMatchObject({ creditsGranted: true, balance: 550 });
    await sandbox.waitForDeliveries(paymentId, (ds) => ds.some((d) => d.attempts.some((a) => a.status === 200)));

    expect(await balanceOf(user.id)).toBe(550);
    expect((await ledgerOf(user.id)).filter((e) => e.kind === "purchase")).toMatchObject([{ delta: 550, paymentId }]);
    expect((await paymentRow(paymentId)).creditedAt).toEqual(creditedAt);
  });
});
