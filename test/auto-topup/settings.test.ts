import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getAutoTopUp } from "@/app/api/auto-topup/route";
import { userDetail } from "@/lib/admin/users";
import { getDb } from "@/db/client";
import { autoTopUpSettings, billingKeyDeletions } from "@/db/schema";
import { sandbox } from "../support/app";
import { autoTopUpAs, autoTopUpView, enableAutoTopUp, portone } from "../support/auto-topup";
import { createTestUser } from "../support/factories";
import { jsonRequest, readProblem } from "../support/requests";

const rule = { packId: "credits-550", threshold: 100, monthlyCapKrw: 20_000 };

describe("auto top-up settings and card", () => {
  it("starts off, with no card and the default rule", async () => {
    const user = await createTestUser();
    expect(await autoTopUpView(user.id)).toEqual({
      enabled: false,
      packId: "credits-550",
      threshold: 50,
      monthlyCapKrw: 30_000,
      monthChargedKrw: 0,
      card: null,
      disabledReason: null,
    });
  });

  it("refuses to turn on without a card (409 NO_CARD) and keeps nothing", async () => {
    const user = await createTestUser();
    const res = await autoTopUpAs(user.id).put({ ...rule, enabled: true });
    expect(res.status).toBe(409);
    expect(await readProblem(res)).toMatchObject({ code: "NO_CARD", contentType: "application/problem+json" });
    expect((await autoTopUpView(user.id)).enabled).toBe(false);
  });

  it("keeps a card only after PortOne confirms it is this customer's", async () => {
    const user = await createTestUser();
    const someoneElse = await createTestUser();
    const { billingKey: theirs } = await sandbox.registerCard(someoneElse.id);
    const stolen = await autoTopUpAs(user.id).registerCard(theirs);
    expect(stolen.status).toBe(400);
    expect(await readProblem(stolen)).toMatchObject({ code: "BILLING_KEY_INVALID" });
    const unknown = await autoTopUpAs(user.id).registerCard("billing-key-that-portone-never-issued");
    expect(unknown.status).toBe(400);
    expect((await autoTopUpView(user.id)).card).toBeNull();

    const { billingKey } = await sandbox.registerCard(user.id);
    const saved = await autoTopUpAs(user.id).registerCard(billingKey);
    expect(saved.status).toBe(200);
    expect((await saved.json()).card).toMatchObject({ billingKeyLast4: expect.stringMatching(/^\d{4}$/), registeredAt: expect.any(String) });
  });

  it("refuses a key PortOne already deleted", async () => {
    const user = await createTestUser();
    const { billingKey } = await sandbox.registerCard(user.id);
    await portone.billingKey.deleteBillingKey({ billingKey });
    const res = await autoTopUpAs(user.id).registerCard(billingKey);
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({ code: "BILLING_KEY_INVALID" });
  });

  it("validates the rule: a cap below the pack, an unknown pack, a negative threshold are 400s that change nothing", async () => {
    const user = await createTestUser();
    await enableAutoTopUp(user.id, rule);
    const as = autoTopUpAs(user.id);
    for (const [body, code] of [
      [{ ...rule, enabled: true, monthlyCapKrw: 4_000 }, "CAP_BELOW_PACK"],
      [{ ...rule, enabled: true, packId: "credits-999" }, "UNKNOWN_PACK"],
      [{ ...rule, enabled: true, threshold: -1 }, "INVALID_INPUT"],
      [{ ...rule, enabled: "yes" }, "INVALID_INPUT"],
    ] as const) {
      const res = await as.put(body);
      expect(res.status).toBe(400);
      expect((await readProblem(res)).code).toBe(code);
    }
    expect(await autoTopUpView(user.id)).toMatchObject({ enabled: true, ...rule });
  });

  it("removing the card turns auto top-up off and deletes the key at PortOne", async () => {
    const user = await createTestUser();
    const billingKey = await enableAutoTopUp(user.id, rule);
    const res = await autoTopUpAs(user.id).removeCard();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: false, card: null, disabledReason: null });
    expect(await portone.billingKey.getBillingKeyInfo({ billingKey })).toMatchObject({ status: "DELETED" });
    expect(await getDb().select().from(billingKeyDeletions).where(eq(billingKeyDeletions.userId, user.id))).toEqual([]);
  });

  it("a new card replaces the old one, which is deleted at PortOne", async () => {
    const user = await createTestUser();
    const first = await enableAutoTopUp(user.id, rule);
    const { billingKey: second } = await sandbox.registerCard(user.id);
    expect((await autoTopUpAs(user.id).registerCard(second)).status).toBe(200);
    expect(await portone.billingKey.getBillingKeyInfo({ billingKey: first })).toMatchObject({ status: "DELETED" });
    const [row] = await getDb().select().from(autoTopUpSettings).where(eq(autoTopUpSettings.userId, user.id));
    expect(row).toMatchObject({ billingKey: second, enabled: true });
  });

  it("a card deleted in PortOne's console is taken out of use when its webhook arrives", async () => {
    const user = await createTestUser();
    const billingKey = await enableAutoTopUp(user.id, rule);
    await portone.billingKey.deleteBillingKey({ billingKey });
    const view = await (async () => {
      for (let i = 0; i < 200; i++) {
        const v = await autoTopUpView(user.id);
        if (v.card === null) return v;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("the BillingKey.Deleted webhook did not take the card out of use");
    })();
    expect(view).toMatchObject({ enabled: false, disabledReason: "CARD_UNAVAILABLE" });
  });

  it("answers 401 without a session", async () => {
    const res = await getAutoTopUp(jsonRequest("/api/auto-topup"), undefined as never);
    expect(res.status).toBe(401);
  });
});

describe("the operator console's view of a person's auto top-up", () => {
  it("shows whether it is on, the rule, the month's charges and the card", async () => {
    const user = await createTestUser();
    await enableAutoTopUp(user.id, rule);
    const detail = await userDetail(user.id);
    expect(detail.autoTopUp).toMatchObject({ enabled: true, ...rule, monthChargedKrw: 0, card: { billingKeyLast4: expect.stringMatching(/^\d{4}$/) } });
  });
});
