import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_URL_FILE } from "./stack-ports";
import { agreeToPurchaseTerms, signUpAndSignIn } from "./support";

/** `npm run operator -- grant <email>` against the e2e stack's database, as an operator would type it. */
function grantOperator(email: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/operator.ts", "grant", email], {
    env: { ...process.env, DATABASE_URL: fs.readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim() },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
}

async function buy550(page: Page) {
  await page.goto("/credits");
  await agreeToPurchaseTerms(page);
  await page.getByRole("region", { name: "550 크레딧" }).getByRole("button", { name: /550 크레딧/ }).click();
  await page.frameLocator("iframe[title*='PortOne']").getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByRole("status")).toContainText("550 크레딧이 충전되었습니다");
}

test("an operator finds a customer's payment by email, refunds ₩2,000 of it into a debt, and exports the CSV", async ({ page, browser }) => {
  // The customer buys the 550 pack, chats once in the page, then spends down to 100 credits.
  const customer = await signUpAndSignIn(page);
  await buy550(page);
  await page.goto("/chat");
  await page.getByLabel("메시지").fill("안녕하세요");
  await page.getByLabel("메시지").press("Enter");
  await expect(page.getByTestId("balance")).toHaveText("540");
  for (let i = 0; i < 44; i++) expect((await page.request.post("/api/chat", { data: { message: `질문 ${i}` } })).status()).toBe(200);

  const operatorContext = await browser.newContext();
  try {
    const admin = await operatorContext.newPage();
    const operator = await signUpAndSignIn(admin);
    await grantOperator(operator.email);

    await admin.goto("/admin/payments");
    await admin.getByLabel("결제 ID 또는 이메일 앞부분").fill(customer.email.slice(0, 20));
    await admin.getByRole("button", { name: "검색" }).click();
    const row = admin.getByRole("row", { name: new RegExp(customer.email.replace(/[.]/g, "\\.")) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("결제 완료");
    const paymentId = (await row.getByRole("link").textContent())!;
    await row.getByRole("link").click();

    await expect(admin.getByRole("heading", { name: "결제 상세" })).toBeVisible();
    await expect(admin.getByTestId("portone-status")).toHaveText("PAID");
    await expect(admin.getByTestId("customer-balance")).toHaveText("100");
    await admin.getByLabel("취소 금액 (원)").fill("2000");
    await admin.getByRole("form", { name: "환불 (PortOne 취소)" }).getByLabel("사유").fill("고객 상담: 일부 환불 합의");
    await admin.getByRole("button", { name: "환불 내용 확인" }).click();
    await expect(admin.getByRole("group")).toContainText("₩2,000 취소 · 크레딧 220개 회수 (잔액 부족분은 마이너스 잔액)");
    await admin.getByRole("button", { name: "확정" }).click();

    await expect(admin.getByRole("status").filter({ hasText: "취소했습니다" })).toContainText("크레딧 220개 회수, 고객 잔액 -120");
    await expect(admin.getByTestId("customer-balance")).toHaveText("-120");
    await expect(admin.getByTestId("customer-debt")).toContainText("120");
    await expect(admin.getByTestId("payment-audit")).toContainText("payment.refund");
    await expect(admin.getByTestId("payment-audit")).toContainText("고객 상담: 일부 환불 합의");
    await expect(admin.getByTestId("payment-audit")).toContainText(operator.email);
    await expect(admin.getByTestId("portone-status")).toHaveText("PARTIAL_CANCELLED");

    await admin.goto("/admin/payments");
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "CSV 내려받기" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const line = bytes.toString("utf8").split("\r\n").find((l) => l.startsWith(paymentId));
    expect(line).toContain(`${customer.email},550 크레딧,5000,2000,3000,PARTIAL_CANCELLED`);
  } finally {
    await operatorContext.close();
  }
});
