import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { payments, users } from "@/db/schema";
import { createTestOperator, createTestUser } from "../support/factories";
import { jsonRequest, sessionCookie } from "../support/requests";

/**
 * Every console API route, whoever added it: the files under app/api/admin are
 * found when the suite runs, so a new route is in this matrix without anyone
 * editing it. Each exported method is called as an anonymous visitor (401),
 * a customer (404), an operator (neither), and an operator revoked while
 * signed in (404 with the same session).
 */
const ROOT = path.join(process.cwd(), "app/api/admin");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type RouteModule = Partial<Record<(typeof METHODS)[number], (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>>>;

const routeFiles: string[] = fs.existsSync(ROOT)
  ? fs
      .readdirSync(ROOT, { recursive: true, encoding: "utf8" })
      .filter((file) => /(^|[/\\])route\.tsx?$/.test(file))
      .map((file) => file.split(path.sep).join("/"))
      .sort()
  : [];

/** The record each known path parameter names; any other gets a dummy value. */
type Fixture = { customerId: string; paymentId: string };

function urlAndParams(file: string, fixture: Fixture): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = path.posix
    .dirname(file)
    .split("/")
    .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
    .map((segment) => {
      const dynamic = /^\[(\.\.\.)?(.+)\]$/.exec(segment);
      if (!dynamic) return segment;
      const name = dynamic[2]!;
      const value = name === "paymentId" ? fixture.paymentId : name === "userId" ? fixture.customerId : `dummy-${name}`;
      params[name] = dynamic[1] ? [value] : value;
      return value;
    });
  return { url: ["/api/admin", ...segments].join("/"), params };
}

async function call(file: string, method: (typeof METHODS)[number], fixture: Fixture, userId?: string): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as RouteModule;
  const { url, params } = urlAndParams(file, fixture);
  const cookie = userId ? await sessionCookie(userId) : undefined;
  // A POST carries a minimal body: an operator may well get a 400 for it, which is past the role check.
  const req = jsonRequest(url, method === "GET" || method === "DELETE" ? { method, cookie } : { method, body: {}, cookie });
  return mod[method]!(req, { params: Promise.resolve(params) });
}

function methodsOf(file: string): (typeof METHODS)[number][] {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));
}

describe("the console API's authorization matrix", () => {
  let fixture: Fixture;
  let operatorId: string;
  let revokedId: string;

  beforeAll(async () => {
    const customer = await createTestUser();
    // Any pack: the payment only has to exist, so routes about one payment get past "no such payment".
    const [pack] = await getDb().execute<{ id: string }>(sql`select id from credit_packs where paid_credits = credits limit 1`);
    const paymentId = `authz-${customer.id}`;
    await getDb().insert(payments).values({
      id: paymentId,
      userId: customer.id,
      packId: pack!.id,
      orderName: "authorization matrix",
      credits: 100,
      paidCredits: 100,
      amount: 1000,
      currency: "KRW",
    });
    fixture = { customerId: customer.id, paymentId };
    operatorId = (await createTestOperator()).id;
    revokedId = (await createTestOperator()).id;
  });

  it("finds the routes under app/api/admin (at least one whenever the folder exists)", () => {
    // Before the console's API is merged the folder may not exist yet; from then on an empty list means discovery broke.
    if (fs.existsSync(ROOT)) expect(routeFiles.length).toBeGreaterThan(0);
    for (const file of routeFiles) expect(methodsOf(file), `${file} exports no handler`).not.toEqual([]);
  });

  for (const file of routeFiles) {
    for (const method of methodsOf(file)) {
      const name = `${method} ${file}`;

      it(`${name}: anonymous visitors get 401 problem+json`, async () => {
        const res = await call(file, method, fixture);
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      });

      it(`${name}: a customer gets 404, as for a path that does not exist`, async () => {
        const res = await call(file, method, fixture, fixture.customerId);
        expect(res.status).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      });

      it(`${name}: an operator gets past the role check`, async () => {
        const res = await call(file, method, fixture, operatorId);
        expect([401, 403, 404], `${res.status} ${await res.clone().text()}`).not.toContain(res.status);
      });

      it(`${name}: an operator revoked while signed in gets 404 on the same session`, async () => {
        await getDb().update(users).set({ role: "operator" }).where(eq(users.id, revokedId));
        expect((await call(file, method, fixture, revokedId)).status).not.toBe(404);
        await getDb().update(users).set({ role: "customer" }).where(eq(users.id, revokedId));
        expect((await call(file, method, fixture, revokedId)).status).toBe(404);
      });
    }
  }
});
