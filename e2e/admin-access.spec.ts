import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { grantOperator, signUpAndSignIn } from "./support";

/**
 * Every console page, found in app/admin when the spec runs, so pages added later are covered too.
 * Pages with a [param] in their path need a record to show and are left to their own specs.
 */
function consolePages(): string[] {
  const root = path.join(process.cwd(), "app/admin");
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)page\.tsx$/.test(file) && !file.includes("["))
    .map((file) => `/admin${path.posix.dirname(file) === "." ? "" : `/${path.posix.dirname(file)}`}`.replace(/\/\([^/]+\)/g, ""))
    .sort();
}

const pages = consolePages();

test("the console's pages are found, the overview among them", () => {
  expect(pages).toContain("/admin");
});

test("signed-out visitors are sent to sign in, and come back to the console page they asked for", async ({ page }) => {
  for (const p of pages) {
    await page.goto(p);
    await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=(${encodeURIComponent(p)}|${p.replaceAll("/", "\\/")})$`));
  }
});

test("to a customer the console does not exist: every page is the 404 page, kept out of search engines", async ({ page }) => {
  await signUpAndSignIn(page);
  for (const p of pages) {
    await page.goto(p);
    await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "운영 콘솔 메뉴" })).toHaveCount(0);
    expect(await page.locator('meta[name="robots"][content*="noindex"]').count(), p).toBeGreaterThan(0);
    await expect(page).not.toHaveTitle(/운영 콘솔/);
  }
});

test("to a customer the console's pages answer HTTP status 404", async ({ page }) => {
  await signUpAndSignIn(page);
  for (const p of pages) expect((await page.goto(p))?.status(), p).toBe(404);
});

test("an operator sees every page with the console's menu, and the overview with its charts", async ({ page }) => {
  const { email } = await signUpAndSignIn(page);
  await grantOperator(email);
  for (const p of pages) {
    const res = await page.goto(p);
    expect(res?.status(), p).toBe(200);
    await expect(page.getByRole("navigation", { name: "운영 콘솔 메뉴" })).toBeVisible();
  }

  await page.goto("/admin");
  await expect(page).toHaveTitle(/운영 콘솔/);
  await expect(page.getByRole("heading", { name: "운영 콘솔", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /순매출 \(결제 − 취소\)/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /일별 순매출/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /일별 크레딧/ })).toBeVisible();
  // The charts' numbers, for those who cannot see them: 30 days in each table.
  await page.getByText("표로 보기").first().click();
  await expect(page.getByRole("table", { name: "일별 순매출 (최근 30일)" }).getByRole("row")).toHaveCount(31);
});
