import { spawnSync } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { requireOperator } from "@/lib/admin/operators";
import { createTestUser } from "../support/factories";
import { jsonRequest, sessionCookie } from "../support/requests";

/** `npm run operator -- …` against the suite's database, as an operator would type it. */
function operatorCommand(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/operator.ts", ...args], {
    env: { ...process.env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

const roleOf = async (id: string) => (await getDb().select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;

async function asRequest(userId?: string): Promise<NextRequest> {
  return jsonRequest("/api/admin/payments", { cookie: userId ? await sessionCookie(userId) : undefined });
}

describe("npm run operator", () => {
  it("grants and revokes the role by email, each with an audit row, and exits 1 for an unknown email", async () => {
    const user = await createTestUser();
    const grant = operatorCommand("grant", user.email.toUpperCase());
    expect(grant.status, grant.stderr).toBe(0);
    expect(await roleOf(user.id)).toBe("operator");

    const revoke = operatorCommand("revoke", user.email);
    expect(revoke.status, revoke.stderr).toBe(0);
    expect(await roleOf(user.id)).toBe("customer");

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.targetId, user.id));
    expect(audit.map((a) => [a.action, a.actorEmail, a.detail])).toEqual([
      ["operator.grant", "cli", { before: { role: "customer" }, after: { role: "operator" } }],
      ["operator.revoke", "cli", { before: { role: "operator" }, after: { role: "customer" } }],
    ]);

    const unknown = operatorCommand("grant", "nobody-here@example.com");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no account");
  }, 120_000);
});

describe("requireOperator", () => {
  it("is 401 without a session, 404 for a customer, the operator for an operator, and 404 again the moment the role is revoked", async () => {
    await expect(requireOperator(await asRequest())).rejects.toMatchObject({ status: 401 });
    const user = await createTestUser();
    await expect(requireOperator(await asRequest(user.id))).rejects.toMatchObject({ status: 404 });

    await getDb().update(users).set({ role: "operator" }).where(eq(users.id, user.id));
    await expect(requireOperator(await asRequest(user.id))).resolves.toEqual({ id: user.id, email: user.email });

    // The same session cookie, still valid as a session: the role is read on every request.
    await getDb().update(users).set({ role: "customer" }).where(eq(users.id, user.id));
    await expect(requireOperator(await asRequest(user.id))).rejects.toMatchObject({ status: 404 });
  });
});

describe("the audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const user = await createTestUser();
    await getDb()
      .insert(auditLog)
      .values({ actorEmail: "cli", action: "test.append", targetType: "user", targetId: user.id, reason: "append-only test" });
    // Drizzle wraps the database's error; its cause is what PostgreSQL said.
    const refusal = (query: PromiseLike<unknown>) =>
      Promise.resolve(query).then(
        () => "allowed",
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(await refusal(getDb().update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.targetId, user.id)))).toMatch(/append-only/);
    expect(await refusal(getDb().delete(auditLog).where(eq(auditLog.targetId, user.id)))).toMatch(/append-only/);
    expect(await refusal(getDb().execute(sql`truncate audit_log`))).toMatch(/append-only/);
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.targetId, user.id));
    expect(row?.reason).toBe("append-only test");
  });
});
