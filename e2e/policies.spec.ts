import { readConfig } from "../lib/env";
import { REFUNDABLE_DAYS, WITHDRAWAL_DAYS } from "../lib/payments/refund-quote";
import { withSandboxDefaults } from "../scripts/sandbox-env";
import { expect, test } from "./fixtures";
import { expectNoSeriousAxeViolations, sandboxCall, signUpAndSignIn } from "./support";

const POLICY_PAGES = [
  { path: "/terms", heading: "이용약관" },
  { path: "/refund-policy", heading: "환불 정책" },
  { path: "/privacy", heading: "개인정보처리방침" },
  { path: "/support", heading: "고객센터" },
];

// The stack's app reads the same environment, with the sandbox's values filled in the same way.
const { credits } = readConfig(withSandboxDefaults(process.env));

test("each policy page answers 200 to a signed-out visitor, with its heading, its own title and description, and the seller", async ({ page }) => {
  const titles = new Set<string>();
  for (const { path, heading } of POLICY_PAGES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} · AInfo 크레딧`);
    titles.add(await page.title());
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description, path).not.toBe("AInfo 프리미엄 챗봇 크레딧 구매와 사용");
    expect(description?.length, path).toBeGreaterThan(20);

    const footer = page.getByRole("contentinfo");
    await expect(footer.getByText("상호", { exact: true })).toBeVisible();
    await expect(footer.getByText("사업자등록번호", { exact: true })).toBeVisible();
    // The stack runs in sandbox mode: the page itself says the seller is a sample, as the footer does.
    await expect(page.getByRole("main").getByRole("note")).toHaveText(/샘플 사업자 정보입니다/);
  }
  expect(titles.size).toBe(POLICY_PAGES.length);
});

test("the refund policy states the refund quote's windows, the configured fee and validity, and worked examples", async ({ page }) => {
  await page.goto("/refund-policy");
  const main = page.getByRole("main");
  await expect(main).toContainText(`결제일로부터 ${WITHDRAWAL_DAYS}일 이내에는 수수료 없이`);
  await expect(main).toContainText(`결제일로부터 ${REFUNDABLE_DAYS}일까지`);
  await expect(main).toContainText(`수수료 ${credits.refundFeePercent}%`);
  await expect(main).toContainText(`유료 크레딧: 결제일로부터 ${credits.paidValidDays.toLocaleString("ko-KR")}일`);
  await expect(main).toContainText(`보너스 크레딧: 지급일로부터 ${credits.bonusValidDays.toLocaleString("ko-KR")}일`);
  await expect(main.getByRole("heading", { name: "보너스 크레딧은 환불하지 않습니다" })).toBeVisible();
  await expect(main.getByRole("heading", { name: "환불 예시" })).toBeVisible();
  await expect(main).toContainText("결제 3일 후 환불을 요청하면");

  await page.goto("/terms");
  await page.getByRole("main").getByRole("link", { name: "환불 정책" }).click();
  await expect(page).toHaveURL("/refund-policy");
});

test("signed out, the support page offers sign-in for the payment history", async ({ page }) => {
  await page.goto("/support");
  await expect(page.getByRole("main").getByRole("link", { name: "로그인" })).toHaveAttribute("href", "/signin?callbackUrl=/support");
  await expect(page.getByRole("main").getByRole("table")).toHaveCount(0);
});

test("signed in, the support page shows the person's payment with its payment id to quote", async ({ page }) => {
  await signUpAndSignIn(page);
  const order = await page.request.post("/api/payments", { data: { packId: "credits-550", agreedToTerms: true } });
  const { paymentId } = (await order.json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  expect((await (await page.request.post(`/api/payments/${paymentId}/complete`)).json()).balance).toBe(550);

  const res = await page.goto("/support");
  expect(res?.status()).toBe(200);
  const row = page.getByRole("table", { name: "최근 결제" }).getByRole("row", { name: new RegExp(paymentId) });
  await expect(row).toContainText("550 크레딧");
  await expect(row).toContainText("₩5,000");
  await expect(row).toContainText("결제 완료");
  await expectNoSeriousAxeViolations(page);
});

test("axe finds no serious or critical accessibility violations on the four pages", async ({ page }) => {
  for (const { path } of POLICY_PAGES) {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  }
});
