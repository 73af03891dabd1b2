import { describe, expect, it } from "vitest";
import { syncPayment } from "@/lib/payments/sync";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, ledgerOf, sandbox } from "../support/app";

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
});
