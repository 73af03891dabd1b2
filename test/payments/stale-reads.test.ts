import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { config } from "@/lib/env";
import { syncPayment } from "@/lib/payments/sync";
import { createTestUser } from "../support/factories";
import { asUser, balanceOf, ledgerOf, paymentRow, sandbox } from "../support/app";
import { startLaggingPortOne } from "../support/lagging-portone";

// This file's app talks to PortOne through a proxy that can answer an earlier
// snapshot of a payment. Each test file has its own modules, so the cached
// config and PortOne client of other files are untouched.
let lagging: Awaited<ReturnType<typeof startLaggingPortOne>>;

beforeAll(async () => {
  lagging = await startLaggingPortOne(inject("sandboxUrl"));
  process.env.PORTONE_API_BASE_URL = lagging.url;
  // Fails here, rather than passing vacuously, if something read the config before the proxy was in place.
  expect(config().portone.apiBaseUrl).toBe(lagging.url);
});

afterAll(async () => {
  process.env.PORTONE_API_BASE_URL = inject("sandboxUrl");
  await lagging.close();
});

// The sandbox's own webhooks are held, so only the test's calls touch the payment.
beforeEach(() => sandbox.pauseWebhooks());
afterEach(() => sandbox.resumeWebhooks());

describe("a read of PortOne that is behind our state never moves a payment backwards", () => {
  it("a refunded payment stays cancelled when PortOne still says PAID: no refund button comes back, no credits come back", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const { paymentId } = await as.orderPack("credits-550");
    const paid = await sandbox.pay(paymentId);
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ creditsGranted: true, balance: 550 });
    expect(await (await as.refund(paymentId)).json()).toMatchObject({ status: "CANCELLED", balance: 0 });
    const [rowBefore, ledgerBefore] = [await paymentRow(paymentId), await ledgerOf(user.id)];

    lagging.serveEarlier(paymentId, paid);
    const result = await syncPayment(paymentId);

    expect(lagging.staleReadsOf(paymentId)).toBe(1);
    expect(result).toMatchObject({ ours: true, changed: false, granted: false, revokedCredits: 0 });
    expect(await (await as.get(paymentId)).json()).toMatchObject({ status: "CANCELLED", creditsGranted: true });
    expect(await paymentRow(paymentId)).toEqual(rowBefore);
    expect(await balanceOf(user.id)).toBe(0);
    expect(await ledgerOf(user.id)).toEqual(ledgerBefore);
  });

  it("a paid and credited payment stays PAID when PortOne still says its first attempt FAILED", async () => {
    const user = await createTestUser();
    const as = asUser(user.id);
    const { paymentId } = await as.orderPack("credits-100");
    const failed = await sandbox.fail(paymentId);
    await sandbox.pay(paymentId);
    expect(await (await as.complete(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true, balance: 100 });
    const [rowBefore, ledgerBefore] = [await paymentRow(paymentId), await ledgerOf(user.id)];

    lagging.serveEarlier(paymentId, failed);
    const result = await syncPayment(paymentId);

    expect(lagging.staleReadsOf(paymentId)).toBe(1);
    expect(result).toMatchObject({ ours: true, changed: false, granted: false });
    expect(await (await as.get(paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true });
    expect(await paymentRow(paymentId)).toEqual(rowBefore);
    expect(await balanceOf(user.id)).toBe(100);
    expect(await ledgerOf(user.id)).toEqual(ledgerBefore);
  });
});
