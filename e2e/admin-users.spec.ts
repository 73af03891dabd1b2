import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import postgres from "postgres";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL_FILE } from "./stack-ports";
import { expectNoSeriousAxeViolations, signUp, signUpAndSignIn } from "./support";

/** What `npm run operator -- grant` does, straight in the stack's database: no page may make an operator. */
async function makeOperator(email: string): Promise<void> {
  const sql = postgres(readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim(), { max: 1, onnotice: () => {} });
  try {
    const updated = await sql`update users set role = 'operator' where email = ${email}`;
    expect(updated.count).toBe(1);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

test("an operator finds a customer, grants 100 bonus credits with a reason, and sees the balance, the lot and the audit row", async ({ page }) => {
  const customer = await signUp(page.request);
  const operator = await signUpAndSignIn(page);
  await makeOperator(operator.email);

  await page.goto("/admin/users");
  await page.getByLabel("이메일 (앞부분)").fill(customer.email.toUpperCase());
  await page.getByLabel("이메일 (앞부분)").press("Enter");
  await page.getByRole("link", { name: customer.email }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.email })).toBeVisible();
  await expect(page.getByTestId("admin-balance")).toHaveText("0");
  const userId = page.url().split("/").at(-1)!;

  await page.getByLabel("크레딧 (차감은 음수)").fill("100");
  await page.getByLabel("종류 (지급 시)").selectOption("bonus");
  await page.getByLabel("사유").fill("이벤트 당첨 보상");
  await page.getByRole("button", { name: "조정하기" }).click();
  await expect(page.getByRole("status")).toHaveText("조정했습니다. 새 잔액: 100 크레딧");
  await expect(page.getByTestId("admin-balance")).toHaveText("100");
  const lot = page.locator('tr[data-lot-kind="bonus"][data-lot-source="adjust"]');
  await expect(lot).toHaveCount(1);
  await expect(lot.getByRole("cell")).toContainText(["보너스", "운영자 조정", "100", "100"]);

  await page.goto("/admin/audit");
  await page.getByLabel("대상 ID").fill(userId);
  await page.getByRole("button", { name: "필터 적용" }).click();
  const row = page.locator('tr[data-audit-action="user.adjust"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(operator.email);
  await expect(row).toContainText("이벤트 당첨 보상");
  await row.getByText("변경 내용").click();
  await expect(row.locator("pre")).toContainText('"credits": 100');
});

test("a grant over the approval limit waits until a second operator approves it on the approvals page, then shows on the balance", async ({ page, browser }) => {
  const customer = await signUp(page.request);
  const requester = await signUpAndSignIn(page);
  await makeOperator(requester.email);

  await page.goto("/admin/users");
  await page.getByLabel("이메일 (앞부분)").fill(customer.email);
  await page.getByLabel("이메일 (앞부분)").press("Enter");
  await page.getByRole("link", { name: customer.email }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.email })).toBeVisible();
  const customerPage = page.url();
  await page.getByLabel("크레딧 (차감은 음수)").fill("20000");
  await page.getByLabel("종류 (지급 시)").selectOption("bonus");
  await page.getByLabel("사유").fill("기업 제휴 계약분 지급");
  await page.getByRole("button", { name: "조정하기" }).click();
  await expect(page.getByRole("status")).toContainText("다른 운영자의 승인을 기다립니다");
  await expect(page.getByTestId("admin-balance")).toHaveText("0");

  // The one who asked sees the request waiting, with no way to decide it.
  await page.getByRole("link", { name: "승인 대기 목록" }).click();
  const requestRow = (on: Page, table: string) =>
    on.getByRole("table", { name: table }).getByRole("row", { name: /보너스 20,000 크레딧 지급/ }).filter({ hasText: customer.email });
  const mine = requestRow(page, "기다리는 요청");
  await expect(mine).toContainText("내 요청: 다른 운영자가 결정합니다.");
  await expect(mine.getByRole("button")).toHaveCount(0);

  const approverContext = await browser.newContext();
  try {
    const approverPage = await approverContext.newPage();
    const approver = await signUpAndSignIn(approverPage);
    await makeOperator(approver.email);
    await approverPage.goto("/admin");
    await approverPage.getByRole("navigation", { name: "운영 콘솔 메뉴" }).getByRole("link", { name: "승인 대기" }).click();
    const row = requestRow(approverPage, "기다리는 요청");
    await expect(row).toContainText(requester.email);
    await expect(row).toContainText("기업 제휴 계약분 지급");
    await expectNoSeriousAxeViolations(approverPage);
    // By keyboard: the reason, then Tab to 승인 and Enter.
    await row.getByLabel("결정 사유").fill("계약서 확인함");
    await row.getByLabel("결정 사유").press("Tab");
    await expect(row.getByRole("button", { name: "승인" })).toBeFocused();
    await approverPage.keyboard.press("Enter");
    await expect(approverPage.getByRole("status")).toHaveText("승인했습니다: 보너스 20,000 크레딧 지급. 고객 잔액 20,000 크레딧.");
    await expect(row).toHaveCount(0);
    await expect(requestRow(approverPage, "최근 결정")).toContainText(approver.email);
  } finally {
    await approverContext.close();
  }

  await page.goto(customerPage);
  await expect(page.getByTestId("admin-balance")).toHaveText("20,000");
  await page.goto(`/admin/audit?targetId=${customerPage.split("/").at(-1)}`);
  await expect(page.locator('tr[data-audit-action="approval.request"]')).toContainText(requester.email);
  await expect(page.locator('tr[data-audit-action="approval.approve"]')).toContainText("계약서 확인함");
});

test("a signed-in customer who visits /admin/users gets the 404 page", async ({ page }) => {
  await signUpAndSignIn(page);
  expect((await page.goto("/admin/users"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "운영 콘솔 메뉴" })).toHaveCount(0);
  await expect(page.getByRole("search")).toHaveCount(0);
});

test("an operator runs a reconciliation and a ledger check from the console and sees both in the history", async ({ page }) => {
  const operator = await signUpAndSignIn(page);
  await makeOperator(operator.email);
  await page.goto("/admin/reconciliation");

  const reconcile = page.getByRole("form", { name: "PortOne 대사" });
  await reconcile.getByLabel("사유").fill("웹훅 지연 확인");
  await reconcile.getByRole("button", { name: "지금 실행" }).click();
  await expect(reconcile.getByRole("status")).toContainText("건 확인");
  await expect(page.getByRole("table", { name: /대사 실행 기록/ }).getByRole("row", { name: new RegExp(operator.email) })).toHaveCount(1);

  const check = page.getByRole("form", { name: "원장 점검" });
  await check.getByLabel("사유").fill("정기 점검");
  await check.getByRole("button", { name: "원장 점검 실행" }).click();
  await expect(check.getByRole("status")).toContainText("문제가 없습니다");
  await expect(page.getByRole("table", { name: /원장 점검 기록/ }).getByRole("row")).not.toHaveCount(0);
});
