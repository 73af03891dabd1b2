import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUpAndSignIn } from "./support";

// The spec plays a proxy in front of the app, so it can speak for two client addresses.
const clientA = "203.0.113.7";
const clientB = "203.0.113.8";

async function signIn(request: APIRequestContext, email: string, password: string, from: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { "x-forwarded-for": from },
  });
}

test("ten wrong passwords from one address lock that address out, right password or not, and no other", async ({ page, browser }) => {
  const { email, password } = await signUpAndSignIn(page);
  const attacker = await browser.newContext();
  for (let i = 0; i < 10; i++) expect((await signIn(attacker.request, email, `wrong ${i}`, clientA)).status()).toBe(401);

  const locked = await signIn(attacker.request, email, password, clientA);
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(800);
  expect(await locked.json()).toMatchObject({ code: "RATE_LIMITED" });

  const owner = await browser.newContext();
  expect((await signIn(owner.request, email, password, clientB)).status()).toBe(200);

  // The sign-in page says so in Korean, from the locked-out address.
  const lockedPage = await attacker.newPage();
  await lockedPage.setExtraHTTPHeaders({ "x-forwarded-for": clientA });
  await lockedPage.goto("/signin");
  await lockedPage.getByLabel("이메일").fill(email);
  await lockedPage.getByLabel("비밀번호").fill(password);
  await lockedPage.getByRole("button", { name: "로그인" }).click();
  await expect(lockedPage.getByRole("alert").filter({ hasText: "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요." })).toBeVisible();
  await attacker.close();
  await owner.close();
});
