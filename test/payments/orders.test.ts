import { PaymentClient } from "@portone/server-sdk";
import { inject, describe, expect, it } from "vitest";
import { GET as listPacks } from "@/app/api/credits/packs/route";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { createTestUser } from "../support/factories";
import { asUser, paymentRow, sandbox } from "../support/app";
import { jsonRequest, readProblem } from "../support/requests";
import { POST as createPayment } from "@/app/api/payments/route";
import { getDb } from "@/db/client";
import { payments } from "@/db/schema";
import { eq } from "drizzle-orm";

const portone = PaymentClient({ secret: SANDBOX_DEFAULTS.apiSecret, baseUrl: inject("sandboxUrl") });

describe("GET /api/credits/packs", () => {
  it("lists the three packs with their paid and bonus credits and KRW prices, cheapest first", async () => {
    const res = await listPacks(jsonRequest("/api/credits/packs"), undefined as never);
    expect(await res.json()).toEqual([
      { id: "credits-100", name: "100 크레딧", credits: 100, paidCredits: 100, bonusCredits: 0, amount: 1000, currency: "KRW" },
      { id: "credits-550", name: "550 크레딧", credits: 550, paidCredits: 500, bonusCredits: 50, amount: 5000, currency: "KRW" },
      { id: "credits-1200", name: "1,200 크레딧", credits: 1200, paidCredits: 1000, bonusCredits: 200, amount: 10000, currency: "KRW" },
    ]);
  });
});

describe("POST /api/payments", () => {
  it("needs a signed-in user", async () => {
    const res = await createPayment(jsonRequest("/api/payments", { body: { packId: "credits-550", agreedToTerms: true } }), undefined as never);
    expect(res.status).toBe(401);
    expect((await readProblem(res)).contentType).toBe("application/problem+json");
  });

  it("prices the order from the pack, ignoring any price the browser sends, and pre-registers it with PortOne", async () => {
    const user = await createTestUser();
    const res = await asUser(user.id).order({ packId: "credits-550", agreedToTerms: true, totalAmount: 1, amount: 1, credits: 99999 });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order).toEqual({
      storeId: SANDBOX_DEFAULTS.storeId,
      channelKey: SANDBOX_DEFAULTS.channelKey,
      paymentId: expect.stringMatching(/^pay-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      orderName: "AInfo 550 크레딧",
      totalAmount: 5000,
      currency: "KRW",
      payMethod: "CARD",
      customer: { customerId: user.id, email: user.email },
      redirectUrl: "http://localhost:3000/credits/complete",
    });

    const row = await paymentRow(order.paymentId);
    expect(row).toMatchObject({ userId: user.id, packId: "credits-550", amount: 5000, credits: 550, status: "PENDING", creditedAt: null });
    // When the buyer agreed to the purchase conditions and the refund policy is kept with the order.
    expect(Date.now() - row.termsAgreedAt!.getTime()).toBeLessThan(60_000);
    const atPortOne = await portone.getPayment({ paymentId: order.paymentId });
    expect(atPortOne.status).toBe("READY");
  });

  it.each(["KAKAOPAY", "NAVERPAY", "TOSSPAY"] as const)(
    "orders with %s as requestPayment takes it, and keeps the provider PortOne reports for the paid payment",
    async (provider) => {
      const user = await createTestUser();
      const res = await asUser(user.id).order({ packId: "credits-100", agreedToTerms: true, payMethod: "EASY_PAY", easyPayProvider: provider });
      expect(res.status).toBe(201);
      const order = await res.json();
      expect(order).toMatchObject({ payMethod: "EASY_PAY", easyPay: { easyPayProvider: provider } });
      await sandbox.pay(order.paymentId, { method: "EASY_PAY", easyPayProvider: provider });
      expect(await (await asUser(user.id).complete(order.paymentId)).json()).toMatchObject({ status: "PAID", creditsGranted: true });
      const [listed] = (await (await asUser(user.id).list()).json()) as Array<{ payMethod: string; easyPayProvider: string }>;
      expect(listed).toMatchObject({ payMethod: "EASY_PAY", easyPayProvider: provider });
    },
  );

  it("gives every order its own paymentId", async () => {
    const user = await createTestUser();
    const ids = await Promise.all([1, 2, 3].map(async () => (await asUser(user.id).orderPack("credits-100")).paymentId));
    expect(new Set(ids).size).toBe(3);
  });

  it.each([
    ["an unknown pack", { packId: "credits-999999", agreedToTerms: true }, "UNKNOWN_PACK"],
    ["no pack", {}, "INVALID_INPUT"],
    ["a pack id that is not a string", { packId: 550 }, "INVALID_INPUT"],
    ["no agreement to the purchase conditions", { packId: "credits-100" }, "INVALID_INPUT"],
    ["an agreement that is not a yes", { packId: "credits-100", agreedToTerms: "yes" }, "INVALID_INPUT"],
    ["a refusal of the purchase conditions", { packId: "credits-100", agreedToTerms: false }, "INVALID_INPUT"],
    ["easy pay without a provider", { packId: "credits-100", agreedToTerms: true, payMethod: "EASY_PAY" }, "INVALID_INPUT"],
    ["an easy-pay provider we do not offer", { packId: "credits-100", agreedToTerms: true, payMethod: "EASY_PAY", easyPayProvider: "PAYCO" }, "INVALID_INPUT"],
    ["a provider with a card payment", { packId: "credits-100", agreedToTerms: true, payMethod: "CARD", easyPayProvider: "KAKAOPAY" }, "INVALID_INPUT"],
  ])("answers 400 for %s and stores nothing", async (_case, body, code) => {
    const user = await createTestUser();
    const res = await asUser(user.id).order(body);
    expect(res.status).toBe(400);
    expect((await readProblem(res)).code).toBe(code);
    expect(await getDb().select().from(payments).where(eq(payments.userId, user.id))).toEqual([]);
  });

  it("answers 502 PORTONE_UNAVAILABLE and stores nothing when PortOne is down", async () => {
    const user = await createTestUser();
    await sandbox.setApi("down");
    try {
      const res = await asUser(user.id).order({ packId: "credits-100", agreedToTerms: true });
      expect(res.status).toBe(502);
      expect((await readProblem(res)).code).toBe("PORTONE_UNAVAILABLE");
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await getDb().select().from(payments).where(eq(payments.userId, user.id))).toEqual([]);
  });
});
