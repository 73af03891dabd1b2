import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as paymentsCsv } from "@/app/api/admin/payments.csv/route";
import { POST as refundRoute } from "@/app/api/admin/payments/[paymentId]/refund/route";
import { GET as detailRoute } from "@/app/api/admin/payments/[paymentId]/route";
import { POST as syncRoute } from "@/app/api/admin/payments/[paymentId]/sync/route";
import { GET as searchRoute } from "@/app/api/admin/payments/route";
import { getDb } from "@/db/client";
import { auditLog, creditHolds, paymentRefunds, payments, users } from "@/db/schema";
import { chargeAutoTopUp } from "@/lib/auto-topup/charge";
import { requestAutoTopUp } from "@/lib/auto-topup/trigger";
import { checkLedger } from "@/lib/credits/check";
import { holdPaymentCredits } from "@/lib/credits/holds";
import { spendCredits } from "@/lib/credits/spend";
import { syncPayment } from "@/lib/payments/sync";
import { callPortOne } from "@/lib/portone/server";
import { asUser, balanceOf, creditedPurchase, paymentRow, sandbox } from "../support/app";
import { enableAutoTopUp, portone } from "../support/auto-topup";
import { createTestOperator, createTestUser } from "../support/factories";
import { takenBack } from "../support/lots";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

const params = (paymentId: string) => ({ params: Promise.resolve({ paymentId }) });

type Item = { paymentId: string; email: string; status: string; amount: number; createdAt: string };
type Page = { items: Item[]; nextCursor: string | null };

async function search(operatorId: string, query: Record<string, string>) {
  const res = await searchRoute(jsonRequest(`/api/admin/payments?${new URLSearchParams(query)}`, { cookie: await sessionCookie(operatorId) }), undefined as never);
  return res;
}

async function searchPage(operatorId: string, query: Record<string, string>): Promise<Page> {
  const res = await search(operatorId, query);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function refund(userId: string | undefined, paymentId: string, body: unknown) {
  return refundRoute(
    jsonRequest(`/api/admin/payments/${paymentId}/refund`, { method: "POST", body, cookie: userId ? await sessionCookie(userId) : undefined }),
    params(paymentId),
  );
}

async function csv(operatorId: string, from: string, to: string) {
  return paymentsCsv(jsonRequest(`/api/admin/payments.csv?from=${from}&to=${to}`, { cookie: await sessionCookie(operatorId) }), undefined as never);
}

/** A customer with `n` open orders of the 100 pack. */
async function customerWithOrders(n: number, email?: string) {
  const customer = await createTestUser({ email });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await asUser(customer.id).orderPack("credits-100")).paymentId);
  return { customer, ids };
}

describe("GET /api/admin/payments", () => {
  it("finds payments by email prefix (case-insensitive) and by exact paymentId, newest first", async () => {
    const operator = await createTestOperator();
    const { customer, ids } = await customerWithOrders(3);
    const prefix = customer.email.slice(0, 13).toUpperCase();
    const byEmail = await searchPage(operator.id, { q: prefix });
    expect(byEmail.items.map((i) => i.paymentId)).toEqual([...ids].reverse());
    expect(byEmail.items[0]).toMatchObject({ email: customer.email, userId: customer.id, packId: "credits-100", amount: 1000, status: "PENDING" });

    const byId = await searchPage(operator.id, { q: ids[1]! });
    expect(byId.items.map((i) => i.paymentId)).toEqual([ids[1]]);

    // % and _ are literal: "user%" does not match every email starting with "user".
    expect((await searchPage(operator.id, { q: "%" })).items).toEqual([]);
  });

  it("filters by status and by KST day", async () => {
    const operator = await createTestOperator();
    const { customer, ids } = await customerWithOrders(2);
    const paid = await creditedPurchase(customer.id);
    const q = customer.email;
    expect((await searchPage(operator.id, { q, status: "PAID" })).items.map((i) => i.paymentId)).toEqual([paid]);
    expect((await searchPage(operator.id, { q, status: "PENDING" })).items).toHaveLength(2);

    // 2024-03-01 15:30 UTC is 2024-03-02 00:30 in Korea.
    await getDb().update(payments).set({ createdAt: new Date("2024-03-01T15:30:00Z") }).where(eq(payments.id, ids[0]!));
    expect((await searchPage(operator.id, { q, from: "2024-03-02", to: "2024-03-02" })).items.map((i) => i.paymentId)).toEqual([ids[0]]);
    expect((await searchPage(operator.id, { q, from: "2024-03-01", to: "2024-03-01" })).items).toEqual([]);
  });

  it("pages with a cursor that never repeats or skips a payment, even with equal creation times", async () => {
    const operator = await createTestOperator();
    const { customer, ids } = await customerWithOrders(5);
    await getDb().update(payments).set({ createdAt: new Date("2025-06-01T00:00:00.123456Z") }).where(eq(payments.id, ids[2]!));
    await getDb().update(payments).set({ createdAt: new Date("2025-06-01T00:00:00.123456Z") }).where(eq(payments.id, ids[3]!));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await searchPage(operator.id, { q: customer.email, limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.paymentId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it("answers 400 for a bad status, date or cursor; 401 anonymous; 404 to a customer", async () => {
    const operator = await createTestOperator();
    const bad: Array<Record<string, string>> = [{ status: "PAIDX" }, { from: "2024-02-30" }, { cursor: "bm90LWEtY3Vyc29y" }, { limit: "0" }, { from: "2024-03-02", to: "2024-03-01" }];
    for (const query of bad) {
      expect((await search(operator.id, query)).status, JSON.stringify(query)).toBe(400);
    }
    const anonymous = await searchRoute(jsonRequest("/api/admin/payments"), undefined as never);
    expect(anonymous.status).toBe(401);
    const customer = await createTestUser();
    expect((await search(customer.id, {})).status).toBe(404);
  });
});

describe("GET /api/admin/payments/{paymentId}", () => {
  it("shows the payment, PortOne's view, webhook deliveries, ledger rows and lots", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    const res = await detailRoute(jsonRequest(`/api/admin/payments/${paymentId}`, { cookie: await sessionCookie(operator.id) }), params(paymentId));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { portone: { status: string }; ledger: unknown[]; lots: unknown[]; webhooks: unknown[] };
    expect(body.payment).toMatchObject({ paymentId, email: customer.email, status: "PAID", amount: 5000 });
    expect(body.portone.status).toBe("PAID");
    expect(body.portoneError).toBeUndefined();
    expect(body.ledger).toEqual([expect.objectContaining({ kind: "purchase", delta: 550 })]);
    expect(body.lots).toHaveLength(2);
    expect(Array.isArray(body.webhooks)).toBe(true);
  });

  it("carries what the page shows of PortOne's record and never the billing key of an auto top-up", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser({ credits: 60 });
    const billingKey = await enableAutoTopUp(customer.id, { packId: "credits-100", threshold: 100 });
    const paymentId = await requestAutoTopUp(customer.id);
    expect(await chargeAutoTopUp(paymentId!)).toBe("sent");
    await sandbox.cancel(paymentId!, { amount: 300 });
    // PortOne's own record names the key: what the console answers must not.
    expect(await portone.getPayment({ paymentId: paymentId! })).toMatchObject({ billingKey });

    const res = await detailRoute(jsonRequest(`/api/admin/payments/${paymentId}`, { cookie: await sessionCookie(operator.id) }), params(paymentId!));
    expect(res.status).toBe(200);
    const raw = await res.text();
    expect(raw).not.toContain(billingKey);
    const body = JSON.parse(raw) as { portone: Record<string, unknown> };
    expect(body.portone).toEqual({
      status: "PARTIAL_CANCELLED",
      amount: { total: 1000, paid: 1000, cancelled: 300 },
      currency: "KRW",
      method: { type: "PaymentMethodCard", provider: null },
      requestedAt: expect.any(String),
      statusChangedAt: expect.any(String),
      paidAt: expect.any(String),
      cancelledAt: expect.any(String),
      cancellations: [{ id: expect.any(String), status: "SUCCEEDED", totalAmount: 300, reason: expect.any(String), requestedAt: expect.any(String), cancelledAt: expect.any(String) }],
    });
  });

  it("still answers while PortOne is down: portone null and why", async () => {
    const operator = await createTestOperator();
    const { ids } = await customerWithOrders(1);
    await sandbox.setApi("down");
    try {
      const res = await detailRoute(jsonRequest(`/api/admin/payments/${ids[0]}`, { cookie: await sessionCookie(operator.id) }), params(ids[0]!));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { portone: unknown; portoneError: string };
      expect(body.portone).toBeNull();
      expect(body.portoneError).toEqual(expect.any(String));
    } finally {
      await sandbox.setApi("ok");
    }
  });

  it("is 404 for an unknown payment", async () => {
    const operator = await createTestOperator();
    const res = await detailRoute(jsonRequest("/api/admin/payments/pay-nope", { cookie: await sessionCookie(operator.id) }), params("pay-nope"));
    expect(res.status).toBe(404);
  });
});

describe("POST /api/admin/payments/{paymentId}/refund", () => {
  it("cancels ₩2,000 of a 550 pack whose customer spent 500: 220 credits back in proportion, the rest a debt, audited", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    await spendCredits({ userId: customer.id, amount: 500, idempotencyKey: randomUUID() });

    const res = await refund(operator.id, paymentId, { amount: 2000, reason: "고객 상담: 중복 결제 일부 환불" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ paymentId, status: "PARTIAL_CANCELLED", cancelledAmount: 2000, creditsRevoked: 220, balance: -170 });
    expect(await balanceOf(customer.id)).toBe(-170);
    const [debt] = await getDb().select({ debt: users.creditDebt }).from(users).where(eq(users.id, customer.id));
    expect(debt!.debt).toBe(170);

    const [row] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, paymentId), eq(auditLog.action, "payment.refund")));
    expect(row).toMatchObject({ actorId: operator.id, actorEmail: operator.email, targetType: "payment", reason: "고객 상담: 중복 결제 일부 환불" });
    expect(row!.detail).toMatchObject({
      amount: 2000,
      before: { status: "PAID", cancelledAmount: 0, balance: 50 },
      after: { status: "PARTIAL_CANCELLED", cancelledAmount: 2000, balance: -170, debt: 170 },
    });

    // Over what is left to cancel (₩3,000): 409, nothing sent.
    const over = await refund(operator.id, paymentId, { amount: 3001, reason: "너무 많이" });
    expect(over.status).toBe(409);
    expect((await paymentRow(paymentId)).cancelledAmount).toBe(2000);

    // No amount: the rest of it.
    const rest = await refund(operator.id, paymentId, { reason: "나머지 전액" });
    expect(await rest.json()).toMatchObject({ status: "CANCELLED", cancelledAmount: 5000, creditsRevoked: 330, balance: -500 });
  });

  it("refuses without a reason (400), a customer (404), anonymous (401), a revoked operator (404), an unpaid payment (409)", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    expect((await readProblem(await refund(operator.id, paymentId, { amount: 1000 }))).status).toBe(400);
    expect((await refund(operator.id, paymentId, { amount: 1000, reason: "   " })).status).toBe(400);
    expect((await refund(customer.id, paymentId, { reason: "내 돈" })).status).toBe(404);
    expect((await refund(undefined, paymentId, { reason: "익명" })).status).toBe(401);

    const { ids } = await customerWithOrders(1);
    expect((await readProblem(await refund(operator.id, ids[0]!, { reason: "미결제" }))).status).toBe(409);

    await getDb().update(users).set({ role: "customer" }).where(eq(users.id, operator.id));
    expect((await refund(operator.id, paymentId, { reason: "권한 없음" })).status).toBe(404);
    expect((await paymentRow(paymentId)).status).toBe("PAID");
  });

  it("answers 502 when PortOne cannot be asked, and audits a cancel whose outcome is unknown", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    await sandbox.setApi("down");
    try {
      const res = await refund(operator.id, paymentId, { amount: 1000, reason: "장애 중 시도" });
      expect(await readProblem(res)).toMatchObject({ status: 502, code: "PORTONE_UNAVAILABLE" });
      // The cancel reached PortOne, but the payment cannot be read back: PortOne's answer is unknown here.
      await sandbox.setApi("down", undefined, ["GET"]);
      const unknown = await refund(operator.id, paymentId, { amount: 1000, reason: "조회 장애 중 시도" });
      expect(await readProblem(unknown)).toMatchObject({ status: 502, code: "PORTONE_UNAVAILABLE", outcome: "unknown" });
    } finally {
      await sandbox.setApi("ok");
    }
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.targetId, paymentId));
    expect(rows.map((r) => [r.action, r.reason])).toEqual([["payment.refund.unknown", "조회 장애 중 시도"]]);
  });

  it("refuses with 409 REFUND_PENDING while the customer's own refund waits for PortOne, so the two cancellations cannot be mistaken for each other", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    await getDb().transaction((tx) =>
      holdPaymentCredits(tx, { userId: customer.id, paymentId, paidCredits: 500, bonusCredits: 50, idempotencyKey: `refund:${paymentId}:waiting` }),
    );
    const res = await refund(operator.id, paymentId, { amount: 5000, reason: "고객 요청" });
    expect(await readProblem(res)).toMatchObject({ status: 409, code: "REFUND_PENDING" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", cancelledAmount: 0 });
    expect(await getDb().select().from(auditLog).where(eq(auditLog.targetId, paymentId))).toEqual([]);
  });
});

describe("an operator's cancel and the customer's refund of one payment at once", () => {
  it("never books one as the other: in every run one cancellation is made, and what it takes back is its own rule's (6 runs)", async () => {
    const operator = await createTestOperator();
    for (let run = 0; run < 6; run++) {
      const customer = await createTestUser();
      const paymentId = await creditedPurchase(customer.id, "credits-550");
      for (let i = 0; i < 6; i++) expect((await asUser(customer.id).chat(`질문 ${i}`)).status).toBe(200);
      // The customer's quote and the operator's amount are the same ₩4,400: PortOne's answer alone cannot tell them apart.
      const [customerRes, operatorRes] = await Promise.all([
        asUser(customer.id).refund(paymentId, { expectedAmount: 4400 }),
        refund(operator.id, paymentId, { amount: 4400, reason: "동시 취소 시험" }),
      ]);
      await syncPayment(paymentId);

      const portone = (await callPortOne((client) => client.getPayment({ paymentId }))) as {
        amount: { cancelled: number };
        cancellations: Array<{ id: string; status: string }>;
      };
      const succeeded = portone.cancellations.filter((c) => c.status === "SUCCEEDED");
      expect(succeeded).toHaveLength(1);
      expect(portone.amount.cancelled).toBe(4400);
      expect([customerRes.status, operatorRes.status].filter((s) => s === 200)).toHaveLength(1);

      const refunds = await getDb().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId));
      const completed = refunds.filter((r) => r.outcome === "completed");
      if (customerRes.status === 200) {
        // The customer's refund takes exactly its quote: the 490 paid credits left.
        expect(completed.map((r) => r.cancellationId)).toEqual([succeeded[0]!.id]);
        expect(await takenBack(paymentId)).toBe(490);
      } else {
        // The operator's cancel takes in proportion: 4,400 of 5,000 is 484 of 550. No refund row carries its cancellation.
        expect(completed).toEqual([]);
        expect(refunds.every((r) => r.cancellationId === null)).toBe(true);
        expect(await takenBack(paymentId)).toBe(484);
      }
      expect(await getDb().select().from(creditHolds).where(and(eq(creditHolds.paymentId, paymentId), eq(creditHolds.status, "held")))).toEqual([]);
    }
    expect(await checkLedger()).toEqual([]);
  }, 60_000);
});

describe("POST /api/admin/payments/{paymentId}/sync", () => {
  it("re-reads the payment from PortOne, with an audit row", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const { paymentId } = await asUser(customer.id).orderPack("credits-100");
    await sandbox.pay(paymentId);
    const res = await syncRoute(
      jsonRequest(`/api/admin/payments/${paymentId}/sync`, { method: "POST", body: { reason: "웹훅 누락 확인" }, cookie: await sessionCookie(operator.id) }),
      params(paymentId),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ paymentId, status: "PAID", balance: 100 });
    const rows = await getDb().select().from(auditLog).where(and(eq(auditLog.targetId, paymentId), eq(auditLog.action, "payment.sync")));
    expect(rows).toHaveLength(1);
  });
});

describe("GET /api/admin/payments.csv", () => {
  it("is a UTF-8 CSV with a BOM, a Korean header, CRLF, neutralised formulas, and the KST days asked for", async () => {
    const operator = await createTestOperator();
    const { ids } = await customerWithOrders(2, `=cmd-${randomUUID()}@example.com`);
    // 2023-05-10 15:00 UTC is 2023-05-11 00:00 in Korea; 14:59 UTC is still the 10th.
    await getDb().update(payments).set({ createdAt: new Date("2023-05-10T15:00:00Z") }).where(eq(payments.id, ids[0]!));
    await getDb().update(payments).set({ createdAt: new Date("2023-05-10T14:59:59Z") }).where(eq(payments.id, ids[1]!));

    const res = await csv(operator.id, "2023-05-11", "2023-05-11");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="payments-2023-05-11-2023-05-11.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = body.split("\r\n");
    expect(lines[0]).toBe("결제 ID,생성 시각 (KST),결제 시각 (KST),이메일,상품,결제 금액,취소 금액,순매출,상태,결제 수단,환불 수수료");
    const mine = lines.filter((l) => l.includes("cmd-"));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(ids[0]!);
    expect(mine[0]).toContain("2023-05-11 00:00:00");
    expect(mine[0]).toMatch(/,'=cmd-/);
    expect(lines.at(-1)).toBe("");
  });

  it("shows the fee kept from a customer's refund after the withdrawal period", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await creditedPurchase(customer.id);
    await getDb().update(payments).set({ paidAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(payments.id, paymentId));
    expect((await asUser(customer.id).refund(paymentId, { expectedAmount: 4500 })).status).toBe(200);

    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Seoul" }).format(new Date());
    const body = await (await csv(operator.id, today, today)).text();
    const line = body.split("\r\n").find((l) => l.startsWith(paymentId));
    // ₩4,500 of ₩5,000 back (500 paid credits less 10 %): ₩500 net, all of it the fee kept.
    expect(line).toMatch(/,5000,4500,500,PARTIAL_CANCELLED,CARD,500$/);
  });

  it("needs both dates, in order, at most a year apart", async () => {
    const operator = await createTestOperator();
    for (const [from, to] of [["", "2024-01-01"], ["2024-01-02", "2024-01-01"], ["2022-01-01", "2024-01-01"]]) {
      expect((await csv(operator.id, from!, to!)).status).toBe(400);
    }
  });
});
