import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";

test("a person signs up and lands on the home page, signed in, with 0 credits", async ({ page }) => {
  const email = `e2e-${randomUUID()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("이름 (선택)").fill("김테스트");
  await page.getByLabel("비밀번호").fill("a good password");
  await page.getByRole("button", { name: "가입하기" }).click();

  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "김테스트님, 안녕하세요" })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
});

test("signing in with a wrong password shows a clear error and keeps the person signed out", async ({ page, request }) => {
  const email = `e2e-${randomUUID()}@example.com`;
  expect((await request.post("/api/signup", { data: { email, password: "the right one" } })).status()).toBe(201);

  await page.goto("/signin");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill("the wrong one");
  await page.getByLabel("비밀번호").press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");

  await page.getByLabel("비밀번호").fill("the right one");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");

  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("navigation").getByRole("link", { name: "로그인" })).toBeVisible();
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
});
