import { expect, test } from "./fixtures";
import { signUpAndSignIn } from "./support";

test("an unknown page answers 404 with a way home", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "홈으로" }).click();
  await expect(page).toHaveURL("/");
});

test("signed-out visitors see the packs and prices, and are sent to sign in to buy", async ({ page }) => {
  await page.goto("/credits");
  await expect(page.getByText("550 크레딧: ₩5,000")).toBeVisible();
  await page.getByRole("link", { name: "로그인하고 구매하기" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcredits|\/signin\?callbackUrl=\/credits/);
});

test("pages that need an account send signed-out visitors to sign in", async ({ page }) => {
  for (const path of ["/account", "/chat"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=(%2F|/)${path.slice(1)}`));
  }
});

test("every page loads without a browser error or a failed request, icon included", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page cancels its link prefetches: that is not a failure.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  await page.goto("/signup");
  await signUpAndSignIn(page);
  for (const path of ["/", "/credits", "/chat", "/account", "/signin"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch((e: Error) => problems.push(`${path}: never idle (${e.message.split("\n")[0]})`));
  }
  expect(problems).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href", { timeout: 1000 });
  expect((await page.request.get(icon!)).status()).toBe(200);
});
