import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUpAndSignIn } from "./support";

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL("/");
}

test("signing out everywhere ends the session on another device too", async ({ page, browser }) => {
  const { email, password } = await signUpAndSignIn(page);
  const otherDevice = await (await browser.newContext()).newPage();
  await signInAs(otherDevice, email, password);

  await page.goto("/account");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "모든 기기에서 로그아웃" }).click();
  await expect(page.getByRole("status")).toHaveText("모든 기기에서 로그아웃되었습니다. 다시 로그인해 주세요.");

  await otherDevice.goto("/account");
  await expect(otherDevice).toHaveURL(/\/signin\?callbackUrl=/);
  expect((await otherDevice.request.get("/api/credits")).status()).toBe(401);
  await otherDevice.context().close();
});

test("changing the password signs the person out and the new password signs them in", async ({ page }) => {
  const { email, password } = await signUpAndSignIn(page);
  await page.goto("/account");
  await page.getByLabel("현재 비밀번호").fill("not the password");
  await page.getByLabel("새 비밀번호 (8자 이상)").fill("a brand new password");
  await page.getByRole("button", { name: "비밀번호 변경" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "현재 비밀번호가 올바르지 않습니다. 아무것도 바뀌지 않았습니다." })).toBeVisible({
    timeout: 20_000,
  });

  await page.getByLabel("현재 비밀번호").fill(password);
  await page.getByRole("button", { name: "비밀번호 변경" }).click();
  // Two password hashes (check the old, hash the new): give them a busy machine's time.
  await expect(page.getByRole("status")).toContainText("비밀번호가 바뀌었습니다", { timeout: 20_000 });
  expect((await page.request.get("/api/credits")).status()).toBe(401);
  await signInAs(page, email, "a brand new password");
});
