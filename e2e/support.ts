import { execFile } from "node:child_process";
import { randomInt, randomUUID } from "node:crypto";
import fs from "node:fs";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { devices, expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_DATABASE_URL_FILE, E2E_SANDBOX_URL } from "./stack-ports";

const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["Pixel 7"];
/** `test.use(ON_A_PHONE)`: a phone's screen and user agent, for which PortOne takes over the page instead of opening a window. */
export const ON_A_PHONE = { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch };

/**
 * A client address of its own for each test's sign-up (as a proxy in front of
 * the app would report it), so the per-address sign-up limit counts tests apart.
 */
function testClient(): Record<string, string> {
  return { "x-forwarded-for": `198.18.${randomInt(256)}.${randomInt(1, 255)}` };
}

/** Creates an account through the API, signed out. */
export async function signUp(request: APIRequestContext): Promise<{ email: string; password: string }> {
  const email = `e2e-${randomUUID()}@example.com`;
  const password = "a good password";
  expect((await request.post("/api/signup", { data: { email, password }, headers: testClient() })).status()).toBe(201);
  return { email, password };
}

/** Creates an account and signs the page's browser context in through next-auth's own routes. */
export async function signUpAndSignIn(page: Page): Promise<{ email: string; password: string }> {
  const { email, password } = await signUp(page.request);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
  });
  expect(signIn.ok()).toBe(true);
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
  return { email, password };
}

/** The sandbox's control API, for what a customer or PortOne's console would do. */
export async function sandboxCall(request: APIRequestContext, path: string, data: unknown = {}) {
  const res = await request.post(`${E2E_SANDBOX_URL}${path}`, { data });
  expect(res.ok(), await res.text()).toBe(true);
  return res;
}

/**
 * Makes an account an operator as a person would, `npm run operator -- grant <email>`, against the running
 * stack's database. The app reads the role on every request, so a signed-in page sees it on its next load.
 */
export async function grantOperator(email: string): Promise<void> {
  const databaseUrl = fs.readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim();
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/operator.ts", "grant", email], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 60_000,
  });
}

/** Ticks the purchase page's required consent, as a buyer must before any pack's buy button goes through. */
export async function agreeToPurchaseTerms(page: Page): Promise<void> {
  await page.getByRole("checkbox", { name: /구매 조건 및 환불 정책을 확인했으며 결제에 동의합니다/ }).check();
}

/** Fails on any serious or critical accessibility violation axe finds on the page as it is now. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
