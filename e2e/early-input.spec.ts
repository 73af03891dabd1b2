import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ON_A_PHONE, signUp, signUpAndSignIn } from "./support";

// Contract, "Hardening, continued": input typed before a page has finished loading is kept, or the
// control is disabled until it can take input. The purchase journey is repeated with the page's
// scripts held back by a different delay each round, so the consent is ticked (and a method picked)
// before, while and after React hydrates the page; the first five rounds hold nothing back.
const ROUNDS = 20;
const scriptDelayMs = (round: number) => (round < 5 ? 0 : (round - 4) * 100);

const consent = (page: Page) => page.getByRole("checkbox", { name: /구매 조건 및 환불 정책을 확인했으며 결제에 동의합니다/ });
const checkout = (page: Page) => page.frameLocator("iframe[title*='PortOne']");

/** React's errors in the browser: a hydration mismatch in development, its minified error (#418 and the like) in production. */
function collectReactErrors(page: Page): string[] {
  const errors: string[] = [];
  const isReactError = (text: string) => /hydrat|react\.dev\/errors|Minified React error/i.test(text);
  page.on("console", (m) => {
    if (m.type() === "error" && isReactError(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => {
    if (isReactError(e.message)) errors.push(`${page.url()}: ${e.message}`);
  });
  return errors;
}

const SCRIPTS = /\/_next\/static\/.*\.js(\?.*)?$/;

async function holdScriptsBack(page: Page, ms: number) {
  await page.unroute(SCRIPTS);
  if (ms === 0) return;
  await page.route(SCRIPTS, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

/** Opens /credits and, as soon as they are on screen, ticks the consent and picks the method; then buys the 100 pack. */
async function buyAtOnce(page: Page, round: number, method: "신용·체크카드" | "카카오페이") {
  await holdScriptsBack(page, scriptDelayMs(round));
  await page.goto("/credits", { waitUntil: "commit" });
  await page.getByRole("radio", { name: method }).check();
  await consent(page).check();
  const order = page.waitForResponse((r) => r.url().endsWith("/api/payments") && r.request().method() === "POST", { timeout: 10_000 });
  await page.getByRole("button", { name: /100 크레딧 구매하기/ }).click();
  expect((await order).status()).toBe(201);
}

// The pages a signed-in person with a purchase sees, loaded afresh: none may log a React error.
async function visitSignedInPages(page: Page) {
  await holdScriptsBack(page, 0);
  for (const path of ["/", "/credits", "/account", "/chat"]) {
    // The session renewal asks for the session from an effect: React has hydrated the page by then.
    const hydrated = page.waitForResponse((r) => r.url().endsWith("/api/auth/session"));
    await page.goto(path);
    await hydrated;
  }
}

test("on a computer, a consent ticked and a method picked the moment /credits appears are kept, round after round", async ({ page }) => {
  test.setTimeout(240_000);
  const reactErrors = collectReactErrors(page);
  await signUpAndSignIn(page);
  for (let round = 0; round < ROUNDS; round++) {
    const method = round % 2 ? "카카오페이" : "신용·체크카드";
    await test.step(`round ${round}: scripts held back ${scriptDelayMs(round)} ms, ${method}`, async () => {
      await buyAtOnce(page, round, method);
      const pay = checkout(page).getByRole("button", { name: method === "카카오페이" ? "카카오페이로 결제하기" : "결제하기" });
      await pay.click();
      await expect(page.getByRole("status")).toContainText("100 크레딧이 충전되었습니다");
      await expect(page.getByTestId("balance")).toHaveText((100 * (round + 1)).toLocaleString("ko-KR"));
      expect(reactErrors).toEqual([]);
    });
  }
  await visitSignedInPages(page);
  expect(reactErrors).toEqual([]);
});

test.describe("on a phone", () => {
  test.use(ON_A_PHONE);

  test("a consent ticked the moment /credits appears is kept through the redirect checkout, round after round", async ({ page }) => {
    test.setTimeout(240_000);
    const reactErrors = collectReactErrors(page);
    await signUpAndSignIn(page);
    for (let round = 0; round < ROUNDS; round++) {
      await test.step(`round ${round}: scripts held back ${scriptDelayMs(round)} ms`, async () => {
        await buyAtOnce(page, round, "신용·체크카드");
        await page.getByRole("button", { name: "결제하기" }).click();
        await expect(page).toHaveURL(/\/credits\/complete\?/);
        await expect(page.getByRole("status")).toContainText("100 크레딧이 충전되었습니다");
        expect(reactErrors).toEqual([]);
      });
    }
    await visitSignedInPages(page);
    expect(reactErrors).toEqual([]);
  });
});

test("a sign-in sent before the page can handle it never puts the password in the address, and works once the page is ready", async ({ page }) => {
  const { email, password } = await signUp(page.request);
  const addresses: string[] = [];
  page.on("request", (r) => addresses.push(r.url()));
  await holdScriptsBack(page, 1500);
  await page.goto("/signin", { waitUntil: "commit" });
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  // Enter before React has hydrated the form: the browser must not send it on its own.
  await page.getByLabel("비밀번호").press("Enter");
  const button = page.getByRole("button", { name: "로그인" });
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await button.click();
  await expect(page).not.toHaveURL(/\/signin/);
  expect(addresses.filter((url) => url.includes(encodeURIComponent(password)) || url.includes("password="))).toEqual([]);
});
