import { randomUUID } from "node:crypto";
import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as decideRoute } from "@/app/api/admin/approvals/[approvalId]/route";
import { GET as listRoute } from "@/app/api/admin/approvals/route";
import { POST as refundRoute } from "@/app/api/admin/payments/[paymentId]/refund/route";
import { POST as adjustRoute } from "@/app/api/admin/users/[userId]/adjustments/route";
import { getDb } from "@/db/client";
import { auditLog, creditLedger, operatorApprovals, payments } from "@/db/schema";
import { spendCredits } from "@/lib/credits/spend";
import { syncPayment } from "@/lib/payments/sync";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { asUser, balanceOf, creditedPurchase, paymentRow, sandbox } from "../support/app";
import { portone } from "../support/auto-topup";
import { createTestOperator, createTestUser } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

// The defaults: ADMIN_APPROVAL_CREDITS 10,000 and ADMIN_APPROVAL_KRW ₩100,000.
const LARGE_GRANT = 20_000;

async function adjust(as: string, userId: string, body: Record<string, unknown>) {
  const req = jsonRequest(`/api/admin/users/${userId}/adjustments`, { method: "POST", body, cookie: await sessionCookie(as) });
  return adjustRoute(req, { params: Promise.resolve({ userId }) });
}

async function refund(as: string, paymentId: string, body: Record<string, unknown>) {
  const req = jsonRequest(`/api/admin/payments/${paymentId}/refund`, { method: "POST", body, cookie: await sessionCookie(as) });
  return refundRoute(req, { params: Promise.resolve({ paymentId }) });
}

async function decide(as: string, approvalId: string, body: Record<string, unknown>) {
  const req = jsonRequest(`/api/admin/approvals/${approvalId}`, { method: "POST", body, cookie: await sessionCookie(as) });
  return decideRoute(req, { params: Promise.resolve({ approvalId }) });
}

const approve = (as: string, approvalId: string) => decide(as, approvalId, { decision: "APPROVE", reason: "확인함: 보상 규정에 맞음" });

async function list(as: string, query = "") {
  const res = await listRoute(jsonRequest(`/api/admin/approvals?${query}`, { cookie: await sessionCookie(as) }), undefined as never);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<Record<string, unknown> & { approvalId: string }> }).items;
}

const grant = (credits: number, idempotencyKey = randomUUID()) => ({ credits, kind: "bonus", reason: "대형 제휴 보상", idempotencyKey });

async function requestGrant(as: string, userId: string, credits = LARGE_GRANT) {
  const res = await adjust(as, userId, grant(credits));
  expect(res.status).toBe(202);
  const body = (await res.json()) as { approvalId: string; status: string };
  expect(body).toEqual({ approvalId: expect.any(String), status: "PENDING" });
  return body.approvalId;
}

const auditOf = (targetId: string) => getDb().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));
/** The operators' adjustments of the account (not the test's starting credits). */
const adjustRows = (userId: string) =>
  getDb()
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, userId), eq(creditLedger.kind, "adjust"), like(creditLedger.idempotencyKey, "admin:%")));
const approvalRow = async (id: string) => (await getDb().select().from(operatorApprovals).where(eq(operatorApprovals.id, id)))[0]!;

/** A paid, credited order of ₩200,000 (no pack is that large; an order made for a business customer). */
async function largePurchase(userId: string, amount = 200_000) {
  const paymentId = `pay-${randomUUID()}`;
  await portone.preRegisterPayment({ paymentId, storeId: SANDBOX_DEFAULTS.storeId, totalAmount: amount, currency: "KRW" });
  await getDb()
    .insert(payments)
    .values({ id: paymentId, userId, packId: "credits-1200", orderName: "AInfo 기업 크레딧", credits: amount / 10, paidCredits: amount / 10, amount, currency: "KRW" });
  await sandbox.pay(paymentId);
  const done = (await (await asUser(userId).complete(paymentId)).json()) as { creditsGranted: boolean };
  expect(done.creditsGranted).toBe(true);
  return paymentId;
}

describe("an operator's own account", () => {
  it("cannot be adjusted by them, small or large: 403 SELF_ACTION_FORBIDDEN and nothing changes", async () => {
    const operator = await createTestOperator();
    for (const credits of [100, LARGE_GRANT, -5]) {
      const res = await adjust(operator.id, operator.id, grant(credits));
      expect(await readProblem(res)).toMatchObject({ status: 403, code: "SELF_ACTION_FORBIDDEN" });
    }
    expect(await balanceOf(operator.id)).toBe(0);
    expect(await adjustRows(operator.id)).toEqual([]);
    expect(await auditOf(operator.id)).toEqual([]);
    expect(await getDb().select().from(operatorApprovals).where(eq(operatorApprovals.requestedBy, operator.id))).toEqual([]);
  });

  it("cannot be refunded by them: 403, the payment stays paid at PortOne and here", async () => {
    const operator = await createTestOperator();
    const paymentId = await creditedPurchase(operator.id);
    const res = await refund(operator.id, paymentId, { reason: "내 결제 환불" });
    expect(await readProblem(res)).toMatchObject({ status: 403, code: "SELF_ACTION_FORBIDDEN" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", cancelledAmount: 0 });
    expect(await portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
    expect(await balanceOf(operator.id)).toBe(550);
    expect(await auditOf(paymentId)).toEqual([]);
  });
});

describe("an adjustment over ADMIN_APPROVAL_CREDITS", () => {
  it("answers 202 and changes nothing until a second operator approves it, then applies once, every step audited", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser({ credits: 30 });

    // At the limit it is carried out at once; one credit over, it waits.
    expect((await adjust(requester.id, customer.id, grant(10_000))).status).toBe(201);
    const key = randomUUID();
    const asked = await adjust(requester.id, customer.id, grant(10_001, key));
    expect(asked.status).toBe(202);
    const { approvalId } = (await asked.json()) as { approvalId: string };
    // The same request again (a double click, a retry) is the same approval.
    expect(await (await adjust(requester.id, customer.id, grant(10_001, key))).json()).toEqual({ approvalId, status: "PENDING" });
    expect(await balanceOf(customer.id)).toBe(10_030);
    expect(await adjustRows(customer.id)).toHaveLength(1);

    const pending = await list(approver.id, "status=PENDING");
    expect(pending.find((a) => a.approvalId === approvalId)).toMatchObject({
      kind: "adjustment",
      status: "PENDING",
      targetType: "user",
      targetId: customer.id,
      customerEmail: customer.email,
      request: { credits: 10_001, kind: "bonus" },
      reason: "대형 제휴 보상",
      requestedBy: requester.email,
      decidedBy: null,
    });

    // The one who asked cannot decide it, either way.
    for (const decision of ["APPROVE", "REJECT"]) {
      const own = await decide(requester.id, approvalId, { decision, reason: "내가 승인" });
      expect(await readProblem(own)).toMatchObject({ status: 403, code: "SELF_APPROVAL_FORBIDDEN" });
    }
    expect((await approvalRow(approvalId)).status).toBe("PENDING");
    expect(await balanceOf(customer.id)).toBe(10_030);

    const approved = await approve(approver.id, approvalId);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ approvalId, status: "APPROVED", decidedBy: approver.email, outcome: { balance: 20_031 } });
    expect(await balanceOf(customer.id)).toBe(20_031);
    expect(await adjustRows(customer.id)).toHaveLength(2);

    // Decided is decided: approving again, or asking again with the same key, applies nothing more.
    expect(await readProblem(await approve(approver.id, approvalId))).toMatchObject({ status: 409, code: "APPROVAL_DECIDED" });
    expect(await (await adjust(requester.id, customer.id, grant(10_001, key))).json()).toEqual({ approvalId, status: "APPROVED" });
    expect(await balanceOf(customer.id)).toBe(20_031);
    expect((await list(approver.id, "status=PENDING")).some((a) => a.approvalId === approvalId)).toBe(false);

    const rows = (await auditOf(customer.id)).slice(1);
    expect(rows.map((r) => [r.action, r.actorEmail, r.reason])).toEqual([
      ["approval.request", requester.email, "대형 제휴 보상"],
      ["user.adjust", requester.email, "대형 제휴 보상"],
      ["approval.approve", approver.email, "확인함: 보상 규정에 맞음"],
    ]);
    expect(rows[0]!.detail).toMatchObject({ approvalId, kind: "adjustment", request: { credits: 10_001 }, before: { balance: 10_030 }, limit: 10_000 });
    expect(rows[1]!.detail).toMatchObject({ approvalId, approvedBy: approver.email, before: { balance: 10_030 }, after: { balance: 20_031 } });
    expect(rows[2]!.detail).toMatchObject({
      approvalId,
      requestedBy: requester.email,
      before: { approval: "PENDING", balance: 10_030 },
      after: { approval: "APPROVED", balance: 20_031 },
    });
  });

  it("approved by two operators at once is applied exactly once", async () => {
    const requester = await createTestOperator();
    const approvers = [await createTestOperator(), await createTestOperator(), await createTestOperator()];
    const customer = await createTestUser();
    const approvalId = await requestGrant(requester.id, customer.id);

    const answers = await Promise.all([...approvers, ...approvers].map((a) => approve(a.id, approvalId)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await balanceOf(customer.id)).toBe(LARGE_GRANT);
    expect(await adjustRows(customer.id)).toHaveLength(1);
    expect((await auditOf(customer.id)).map((r) => r.action)).toEqual(["approval.request", "user.adjust", "approval.approve"]);
  });

  it("rejected, changes nothing and cannot be approved afterwards", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser({ credits: 5 });
    const approvalId = await requestGrant(requester.id, customer.id);

    const rejected = await decide(approver.id, approvalId, { decision: "REJECT", reason: "근거 자료 없음" });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: "REJECTED", decisionReason: "근거 자료 없음", outcome: null });
    expect(await readProblem(await approve(approver.id, approvalId))).toMatchObject({ status: 409, code: "APPROVAL_DECIDED" });
    expect(await balanceOf(customer.id)).toBe(5);
    expect(await adjustRows(customer.id)).toEqual([]);
    const rows = await auditOf(customer.id);
    expect(rows.map((r) => [r.action, r.actorEmail])).toEqual([
      ["approval.request", requester.email],
      ["approval.reject", approver.email],
    ]);
    expect(rows[1]!.detail).toMatchObject({ approvalId, before: { approval: "PENDING" }, after: { approval: "REJECTED" } });
  });

  it("a take-back the balance no longer covers when approved is recorded as FAILED with the problem, and changes nothing", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser({ credits: 25_000 });
    const approvalId = await requestGrant(requester.id, customer.id, -LARGE_GRANT);
    await spendCredits({ userId: customer.id, amount: 10_000, idempotencyKey: randomUUID() });

    const res = await approve(approver.id, approvalId);
    expect(await readProblem(res)).toMatchObject({ status: 409, code: "INSUFFICIENT_CREDITS", approvalId, approvalStatus: "FAILED" });
    expect(await approvalRow(approvalId)).toMatchObject({
      status: "FAILED",
      decidedBy: approver.id,
      outcome: { problem: { status: 409, code: "INSUFFICIENT_CREDITS" } },
    });
    expect(await balanceOf(customer.id)).toBe(15_000);
    expect(await adjustRows(customer.id)).toEqual([]);
    expect((await auditOf(customer.id)).map((r) => [r.action, r.actorEmail])).toEqual([
      ["approval.request", requester.email],
      ["approval.approve", approver.email],
      ["approval.fail", approver.email],
    ]);
    // A take-back beyond the balance already when asked is refused at once, with no approval made.
    expect(await readProblem(await adjust(requester.id, customer.id, grant(-LARGE_GRANT)))).toMatchObject({ status: 409, code: "INSUFFICIENT_CREDITS" });
  });

  it("cannot be approved by the operator whose account it is on", async () => {
    const requester = await createTestOperator();
    const target = await createTestOperator();
    const approvalId = await requestGrant(requester.id, target.id);
    const res = await approve(target.id, approvalId);
    expect(await readProblem(res)).toMatchObject({ status: 403, code: "SELF_ACTION_FORBIDDEN" });
    expect(await balanceOf(target.id)).toBe(0);
    expect((await approvalRow(approvalId)).status).toBe("PENDING");
  });
});

describe("a refund over ADMIN_APPROVAL_KRW", () => {
  it("answers 202 without telling PortOne, and is cancelled once a second operator approves, as the operator who asked", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await largePurchase(customer.id);

    const asked = await refund(requester.id, paymentId, { reason: "기업 고객 계약 해지" });
    expect(asked.status).toBe(202);
    const { approvalId } = (await asked.json()) as { approvalId: string };
    expect(await portone.getPayment({ paymentId })).toMatchObject({ status: "PAID" });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "PAID", cancelledAmount: 0 });
    // One waiting refund per payment.
    expect(await readProblem(await refund(requester.id, paymentId, { amount: 150_000, reason: "다시" }))).toMatchObject({
      status: 409,
      code: "APPROVAL_PENDING",
      approvalId,
    });
    expect((await list(approver.id)).find((a) => a.approvalId === approvalId)).toMatchObject({
      kind: "refund",
      targetType: "payment",
      targetId: paymentId,
      customerId: customer.id,
      request: { amount: 200_000 },
    });

    const approved = await approve(approver.id, approvalId);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      status: "APPROVED",
      outcome: { paymentId, status: "CANCELLED", cancelledAmount: 200_000, creditsRevoked: 20_000, balance: 0 },
    });
    expect(await paymentRow(paymentId)).toMatchObject({ status: "CANCELLED", cancelledAmount: 200_000 });
    expect(await readProblem(await approve(approver.id, approvalId))).toMatchObject({ status: 409, code: "APPROVAL_DECIDED" });

    expect((await auditOf(paymentId)).map((r) => [r.action, r.actorEmail])).toEqual([
      ["approval.request", requester.email],
      ["approval.approve", approver.email],
      ["payment.refund", requester.email],
    ]);
  });

  it("at or under the limit is carried out at once", async () => {
    const operator = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await largePurchase(customer.id);
    const res = await refund(operator.id, paymentId, { amount: 100_000, reason: "절반 환불" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "PARTIAL_CANCELLED", cancelledAmount: 100_000 });
  });

  it("whose payment PortOne can no longer cancel as asked is recorded as FAILED", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await largePurchase(customer.id);
    const { approvalId } = (await (await refund(requester.id, paymentId, { amount: 150_000, reason: "부분 환불" })).json()) as { approvalId: string };
    // Meanwhile ₩100,000 is cancelled in PortOne's console and synced: ₩150,000 is more than is left.
    await sandbox.cancel(paymentId, { amount: 100_000 });
    await syncPayment(paymentId);

    const res = await approve(approver.id, approvalId);
    expect(await readProblem(res)).toMatchObject({ status: 409, code: "AMOUNT_OVER_CANCELLABLE", approvalStatus: "FAILED" });
    expect(await approvalRow(approvalId)).toMatchObject({ status: "FAILED", outcome: { problem: { code: "AMOUNT_OVER_CANCELLABLE" } } });
    expect(await paymentRow(paymentId)).toMatchObject({ cancelledAmount: 100_000 });
  });
});

describe("a refund approved while PortOne's answer is lost", () => {
  it("stays APPROVED with the outcome unknown, so nobody asks for it again as if nothing happened", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser();
    const paymentId = await largePurchase(customer.id);
    const { approvalId } = (await (await refund(requester.id, paymentId, { reason: "계약 해지" })).json()) as { approvalId: string };

    // The cancel goes through; reading the payment back fails.
    await sandbox.setApi("down", undefined, ["GET"]);
    try {
      const res = await approve(approver.id, approvalId);
      expect(await readProblem(res)).toMatchObject({ status: 502, code: "PORTONE_UNAVAILABLE", outcome: "unknown", approvalStatus: "APPROVED" });
    } finally {
      await sandbox.setApi("ok");
    }
    expect(await approvalRow(approvalId)).toMatchObject({ status: "APPROVED", outcome: { outcome: "unknown" } });
    expect(await readProblem(await approve(approver.id, approvalId))).toMatchObject({ status: 409, code: "APPROVAL_DECIDED" });
    expect(await portone.getPayment({ paymentId })).toMatchObject({ status: "CANCELLED" });
  });
});

describe("POST /api/admin/approvals/{approvalId}", () => {
  it("is 400 without a decision or a reason, and 404 for an unknown approval", async () => {
    const requester = await createTestOperator();
    const approver = await createTestOperator();
    const customer = await createTestUser();
    const approvalId = await requestGrant(requester.id, customer.id);
    for (const body of [{}, { decision: "APPROVE" }, { decision: "MAYBE", reason: "글쎄" }, { decision: "APPROVE", reason: "  " }]) {
      expect((await decide(approver.id, approvalId, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await approve(approver.id, randomUUID())).status).toBe(404);
    expect((await approve(approver.id, "not-an-id")).status).toBe(404);
    expect((await approvalRow(approvalId)).status).toBe("PENDING");
  });
});
