import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/admin/audit/route";
import { POST as ledgerCheckRoute } from "@/app/api/admin/ledger-check/route";
import { POST as reconcileNowRoute } from "@/app/api/admin/reconcile/route";
import { POST as adjustRoute } from "@/app/api/admin/users/[userId]/adjustments/route";
import { GET as searchRoute } from "@/app/api/admin/users/route";
import { POST as cronRoute } from "@/app/api/cron/reconcile/route";
import { getDb } from "@/db/client";
import { auditLog, creditLedger, creditLots, ledgerCheckRuns, reconcileRuns, users } from "@/db/schema";
import { latestLedgerCheck } from "@/lib/admin/ledger-checks";
import { latestReconcileRun } from "@/lib/admin/reconcile-runs";
import { TEST_CRON_SECRET } from "../support/constants";
import { createTestOperator, createTestUser } from "../support/factories";
import { jsonRequest, readProblem, sessionCookie } from "../support/requests";

type Caller = string | undefined;
const cookieOf = async (userId: Caller) => (userId ? await sessionCookie(userId) : undefined);
const userParams = (userId: string) => ({ params: Promise.resolve({ userId }) });

async function search(as: Caller, q: string) {
  return searchRoute(jsonRequest(`/api/admin/users?q=${encodeURIComponent(q)}`, { cookie: await cookieOf(as) }), undefined as never);
}
async function adjust(as: Caller, userId: string, body: Record<string, unknown>) {
  const req = jsonRequest(`/api/admin/users/${userId}/adjustments`, { method: "POST", body, cookie: await cookieOf(as) });
  return adjustRoute(req, userParams(userId));
}
async function audit(as: Caller, query = "") {
  return auditRoute(jsonRequest(`/api/admin/audit?${query}`, { cookie: await cookieOf(as) }), undefined as never);
}
async function reconcileNow(as: Caller, body: unknown = { reason: "웹훅 누락 확인" }) {
  return reconcileNowRoute(jsonRequest("/api/admin/reconcile", { method: "POST", body, cookie: await cookieOf(as) }), undefined as never);
}
async function ledgerCheck(as: Caller, body: unknown = { reason: "정기 점검" }) {
  return ledgerCheckRoute(jsonRequest("/api/admin/ledger-check", { method: "POST", body, cookie: await cookieOf(as) }), undefined as never);
}

const grant = (credits: number, kind: "paid" | "bonus" = "bonus", idempotencyKey: string = randomUUID()) => ({
  credits,
  kind,
  reason: "고객 문의 보상",
  idempotencyKey,
});

const balanceOf = async (id: string) => (await getDb().select({ b: users.creditBalance }).from(users).where(eq(users.id, id)))[0]!.b;
const lotsOf = (id: string) => getDb().select().from(creditLots).where(eq(creditLots.userId, id)).orderBy(creditLots.id);
const auditOf = (targetId: string) => getDb().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);
const adjustRows = (id: string) =>
  getDb()
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.userId, id), eq(creditLedger.kind, "adjust")));

describe("who may use the console's API", () => {
  it("answers 401 to the anonymous and 404 to a customer and to an operator whose role was revoked, on every route", async () => {
    const customer = await createTestUser();
    const revoked = await createTestOperator();
    await getDb().update(users).set({ role: "customer" }).where(eq(users.id, revoked.id));
    const target = await createTestUser({ credits: 10 });
    const calls: Array<(as: Caller) => Promise<Response>> = [
      (as) => search(as, "user"),
      (as) => adjust(as, target.id, grant(5)),
      (as) => audit(as),
      (as) => reconcileNow(as),
      (as) => ledgerCheck(as),
    ];
    for (const call of calls) {
      expect((await call(undefined)).status).toBe(401);
      expect((await call(customer.id)).status).toBe(404);
      expect((await call(revoked.id)).status).toBe(404);
    }
    expect(await balanceOf(target.id)).toBe(10);
    expect(await auditOf(target.id)).toEqual([]);
  });
});

describe("GET /api/admin/users", () => {
  it("finds accounts by email prefix in any case, taking % and _ literally", async () => {
    const operator = await createTestOperator();
    const tag = randomUUID().slice(0, 8);
    const alice = await createTestUser({ email: `find_${tag}-alice@example.com`, credits: 30 });
    await createTestUser({ email: `findx${tag}-bob@example.com` });

    const res = await search(operator.id, `FIND_${tag}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<Record<string, unknown>> };
    expect(items).toEqual([{ userId: alice.id, email: alice.email, balance: 30, role: "customer", createdAt: alice.createdAt.toISOString() }]);

    const wildcard = (await (await search(operator.id, "%")).json()) as { items: unknown[] };
    expect(wildcard.items).toEqual([]);
    const long = await search(operator.id, "x".repeat(300));
    expect(long.status).toBe(400);
  });
});

describe("POST /api/admin/users/{userId}/adjustments", () => {
  it("grants a paid or a bonus lot with source adjust, and audits each with the balance before and after", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    const paid = await adjust(operator.id, user.id, grant(100, "paid"));
    expect(paid.status).toBe(201);
    expect(await paid.json()).toEqual({ balance: 100 });
    const bonus = await adjust(operator.id, user.id, grant(50, "bonus"));
    expect(await bonus.json()).toEqual({ balance: 150 });

    expect((await lotsOf(user.id)).map((l) => [l.kind, l.source, l.granted, l.remaining])).toEqual([
      ["paid", "adjust", 100, 100],
      ["bonus", "adjust", 50, 50],
    ]);
    const rows = await auditOf(user.id);
    expect(rows.map((r) => [r.action, r.actorEmail, r.actorId, r.reason, r.detail])).toEqual([
      [
        "user.adjust",
        operator.email,
        operator.id,
        "고객 문의 보상",
        expect.objectContaining({ before: { balance: 0 }, after: { balance: 100 }, credits: 100, kind: "paid" }),
      ],
      [
        "user.adjust",
        operator.email,
        operator.id,
        "고객 문의 보상",
        expect.objectContaining({ before: { balance: 100 }, after: { balance: 150 }, credits: 50, kind: "bonus" }),
      ],
    ]);
  });

  it("takes a negative adjustment from the open lots in spending order, and refuses one beyond the balance with 409 changing nothing", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    await adjust(operator.id, user.id, grant(100, "paid"));
    await adjust(operator.id, user.id, grant(50, "bonus"));

    const taken = await adjust(operator.id, user.id, grant(-70, "paid"));
    expect(taken.status).toBe(201);
    expect(await taken.json()).toEqual({ balance: 80 });
    // Bonus before paid (same expiry rules aside): the bonus lot empties first.
    expect((await lotsOf(user.id)).map((l) => [l.kind, l.remaining])).toEqual([
      ["paid", 80],
      ["bonus", 0],
    ]);

    const beyond = await adjust(operator.id, user.id, grant(-81));
    expect(beyond.status).toBe(409);
    expect((await readProblem(beyond)).code).toBe("INSUFFICIENT_CREDITS");
    expect(await balanceOf(user.id)).toBe(80);
    expect((await lotsOf(user.id)).map((l) => l.remaining)).toEqual([80, 0]);
    expect(await adjustRows(user.id)).toHaveLength(3);
    expect(await auditOf(user.id)).toHaveLength(3);
  });

  it("applies one idempotencyKey once, one after the other and all at once: one ledger row, one audit row", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    const once = grant(40, "bonus", "same-key-sequential");
    expect(await (await adjust(operator.id, user.id, once)).json()).toEqual({ balance: 40 });
    const again = await adjust(operator.id, user.id, once);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ balance: 40 });

    const concurrent = grant(-15, "bonus", "same-key-concurrent");
    const answers = await Promise.all(Array.from({ length: 5 }, () => adjust(operator.id, user.id, concurrent)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await balanceOf(user.id)).toBe(25);
    expect(await adjustRows(user.id)).toHaveLength(2);
    expect(await auditOf(user.id)).toHaveLength(2);
  });

  it("is 400 without a reason or with credits 0 or beyond ±1,000,000, and 404 for an unknown user", async () => {
    const operator = await createTestOperator();
    const user = await createTestUser();
    for (const body of [
      { ...grant(10), reason: undefined },
      { ...grant(10), reason: "   " },
      grant(0),
      grant(1_000_001),
      grant(-1_000_001),
      { ...grant(10), credits: 1.5 },
      { ...grant(10), kind: "gift" },
      { ...grant(10), idempotencyKey: "" },
    ]) {
      const res = await adjust(operator.id, user.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await adjust(operator.id, randomUUID(), grant(10))).status).toBe(404);
    expect((await adjust(operator.id, "not-a-uuid", grant(10))).status).toBe(404);
    expect(await balanceOf(user.id)).toBe(0);
    expect(await auditOf(user.id)).toEqual([]);
  });
});

type AuditPage = { items: Array<{ id: number; actorEmail: string; action: string; targetId: string; detail: unknown }>; nextCursor: number | null };

describe("GET /api/admin/audit", () => {
  it("pages newest first and filters by target and by part of the actor's email", async () => {
    const operator = await createTestOperator();
    const other = await createTestOperator();
    const user = await createTestUser();
    for (const credits of [1, 2, 3]) await adjust(operator.id, user.id, grant(credits));
    await adjust(other.id, user.id, grant(4));

    const first = (await (await audit(operator.id, `targetType=user&targetId=${user.id}&limit=2`)).json()) as AuditPage;
    expect(first.items.map((i) => (i.detail as { credits: number }).credits)).toEqual([4, 3]);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = (await (await audit(operator.id, `targetId=${user.id}&limit=2&cursor=${first.nextCursor}`)).json()) as AuditPage;
    expect(second.items.map((i) => (i.detail as { credits: number }).credits)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();

    const byActor = (await (await audit(operator.id, `actor=${encodeURIComponent(other.email.slice(0, 20).toUpperCase())}`)).json()) as AuditPage;
    expect(byActor.items.map((i) => [i.actorEmail, i.targetId])).toEqual([[other.email, user.id]]);
    expect((await audit(operator.id, "targetType=nothing")).status).toBe(400);
  });
});

describe("reconciliation and ledger checks", () => {
  it("records a console run with the operator's email, audits it, and answers the report", async () => {
    const operator = await createTestOperator();
    const res = await reconcileNow(operator.id);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { runId: number; checked: number; complete: boolean; failed: unknown[] };
    const [run] = await getDb().select().from(reconcileRuns).where(eq(reconcileRuns.id, report.runId));
    expect(run).toMatchObject({ startedBy: operator.email, checked: report.checked, failed: report.failed.length, complete: report.complete });
    expect(run!.finishedAt).not.toBeNull();
    expect(run!.report).toMatchObject({ checked: report.checked });
    expect((await auditOf(`reconcile-run:${report.runId}`)).map((a) => [a.action, a.actorEmail, a.reason])).toEqual([
      ["reconciliation.run", operator.email, "웹훅 누락 확인"],
    ]);
    expect((await reconcileNow(operator.id, {})).status).toBe(400);
  });

  it("records a scheduler's run as cron", async () => {
    const res = await cronRoute(
      jsonRequest("/api/cron/reconcile", { method: "POST", headers: { authorization: `Bearer ${TEST_CRON_SECRET}` } }) as NextRequest,
      undefined as never,
    );
    expect(res.status).toBe(200);
    const [run] = await getDb().select().from(reconcileRuns).where(eq(reconcileRuns.startedBy, "cron")).orderBy(desc(reconcileRuns.id)).limit(1);
    expect(run?.finishedAt).not.toBeNull();
    expect((await latestReconcileRun())?.id).toBe(run!.id);
  });

  it("records a console ledger check with its audit row", async () => {
    const operator = await createTestOperator();
    const res = await ledgerCheck(operator.id);
    expect(res.status).toBe(200);
    const { checkId, problems } = (await res.json()) as { checkId: number; problems: unknown[] };
    const [row] = await getDb().select().from(ledgerCheckRuns).where(eq(ledgerCheckRuns.id, checkId));
    expect(row?.problems).toBe(problems.length);
    expect((await latestLedgerCheck())?.id).toBe(checkId);
    expect((await auditOf(`ledger-check:${checkId}`)).map((a) => [a.action, a.actorEmail])).toEqual([["ledger.check", operator.email]]);
    expect((await ledgerCheck(operator.id, { reason: "" })).status).toBe(400);
  });
});

describe("the command-line runs", () => {
  const script = (file: string) =>
    spawnSync(process.execPath, ["--import", "tsx", file], { env: { ...process.env }, encoding: "utf8", timeout: 60_000 });
  const cliRuns = async () => (await getDb().select({ n: count() }).from(reconcileRuns).where(eq(reconcileRuns.startedBy, "cli")))[0]!.n;

  it("npm run reconcile records a run started by cli, and npm run credits:check records a ledger check", async () => {
    const runsBefore = await cliRuns();
    const reconcile = script("scripts/reconcile.ts");
    expect(reconcile.stderr).not.toMatch(/Error/);
    expect(await cliRuns()).toBe(runsBefore + 1);

    const before = await latestLedgerCheck();
    script("scripts/credits-check.ts");
    const after = await latestLedgerCheck();
    expect(after?.id).toBeGreaterThan(before?.id ?? 0);
  }, 120_000);
});
