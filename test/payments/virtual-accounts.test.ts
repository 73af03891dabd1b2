import { describe, expect, it } from "vitest";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, eventually, ledgerOf, paymentRow, sandbox } from "../support/app";

describe("virtual accounts", () => {
  it("an issued account grants nothing and shows where to pay; the deposit grants once, even if its webhook repeats", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const res = await as.order({ packId: "credits-550", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" });
    const order = await res.json();
    expect(order).toMatchObject({ payMethod: "VIRTUAL_ACCOUNT", virtualAccount: { accountExpiry: { validHours: 24 } } });

    await sandbox.pay(order.paymentId, { method: "VIRTUAL_ACCOUNT" });
    const issued = await (await as.complete(order.paymentId)).json();
    expect(issued).toMatchObject({ status: "VIRTUAL_ACCOUNT_ISSUED", creditsGranted: false, balance: 0 });
    const view = await (await as.get(order.paymentId)).json();
    expect(view.virtualAccount).toEqual({ bank: expect.any(String), accountNumber: expect.any(String), expiresAt: expect.any(String) });

    await sandbox.deposit(order.paymentId);
    await eventually(() => balanceOf(user.id), (b) => b === 550);
    const deliveries = await sandbox.waitForDeliveries(order.paymentId, (ds) =>
      ds.some((d) => d.type === "Transaction.Paid" && d.attempts.some((a) => a.status === 200)),
    );
    const paid = deliveries.find((d) => d.type === "Transaction.Paid")!;
    await sandbox.redeliver(paid.webhookId);
    await sandbox.redeliver(paid.webhookId);
    await sandbox.waitForDeliveries(order.paymentId, (ds) =>
      ds.filter((d) => d.webhookId === paid.webhookId).flatMap((d) => d.attempts).filter((a) => a.status === 200).length >= 3,
    );
    expect(await balanceOf(user.id)).toBe(550);
    expect(await ledgerOf(user.id)).toHaveLength(1);
    expect((await as.get(order.paymentId).then((r) => r.json())).virtualAccount).toBeNull();
  });

  it("an account that fails or expires ends FAILED with no credit", async () => {
    const user = await createTestUser();
    const { paymentId } = await (await asUser(user.id).order({ packId: "credits-100", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" })).json();
    await sandbox.pay(paymentId, { method: "VIRTUAL_ACCOUNT" });
    await sandbox.fail(paymentId);
    await eventually(() => paymentRow(paymentId), (p) => p.status === "FAILED");
    expect(await balanceOf(user.id)).toBe(0);
  });
});
