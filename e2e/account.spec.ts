import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { agreeToPurchaseTerms, sandboxCall, signUpAndSignIn } from "./support";

/** A signed-in person with one pack bought and credited, looking at their account page. */
async function buyerOnAccountPage(page: Page, packId: string) {
  await signUpAndSignIn(page);
  const { paymentId } = (await (await page.request.post("/api/payments", { data: { packId, agreedToTerms: true } })).json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  await page.request.post(`/api/payments/${paymentId}/complete`);
  await page.goto("/account");
}

test("a person refunds an unspent purchase from the account page and the credits go back", async ({ page }) => {
  await buyerOnAccountPage(page, "credits-550");
  await expect(page.getByTestId("balance")).toHaveText("550 크레딧");
  await page.getByRole("row", { name: /AInfo 550 크레딧/ }).getByRole("button", { name: "환불" }).click();

  const dialog = page.getByRole("dialog", { name: "AInfo 550 크레딧 환불" });
  // Untouched within 7 days: the whole payment, and its bonus goes with it.
  await expect(dialog.getByTestId("refund-quote")).toHaveText(
    "환불 예정 금액 ₩5,000 · 유료 크레딧 500개 회수 · 수수료 ₩0 · 보너스 크레딧 50개 소멸",
  );
  await dialog.getByRole("button", { name: "환불 확정" }).click();

  await expect(page.getByRole("row", { name: /AInfo 550 크레딧/ })).toContainText("결제 취소");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
  await expect(page.getByRole("row", { name: /회수/ })).toContainText("-500");
  await expect(page.getByRole("row", { name: /보너스 소멸/ })).toContainText("-50");
  await expect(page.getByTestId("refund-result")).toContainText("₩5,000 환불");
});

test("the refund dialog opens on its safe choice and Escape or 취소 closes it without refunding", async ({ page }) => {
  await buyerOnAccountPage(page, "credits-100");
  const refund = page.getByRole("row", { name: /AInfo 100 크레딧/ }).getByRole("button", { name: "환불" });
  const dialog = page.getByRole("dialog", { name: "AInfo 100 크레딧 환불" });

  await refund.press("Enter");
  await expect(dialog.getByTestId("refund-quote")).toHaveText("환불 예정 금액 ₩1,000 · 유료 크레딧 100개 회수 · 수수료 ₩0");
  await expect(dialog).toContainText("청약철회 7일 이내");
  await expect(dialog.getByRole("button", { name: "취소" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(refund).toBeFocused();

  await refund.press("Enter");
  await dialog.getByRole("button", { name: "취소" }).press("Enter");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText("100 크레딧");
  await expect(page.getByRole("row", { name: /AInfo 100 크레딧/ })).toContainText("결제 완료");
});

test("a refund PortOne does not confirm in time says the credits stay reserved, and they do", async ({ page }) => {
  await buyerOnAccountPage(page, "credits-100");
  await expect(page.getByTestId("balance")).toHaveText("100 크레딧");

  // PortOne answers after the app has stopped waiting (10 s); its cancellation webhook is held back.
  await sandboxCall(page.request, "/_sandbox/webhooks/pause");
  await sandboxCall(page.request, "/_sandbox/faults", { api: "slow", latencyMs: 11_000 });
  const row = page.getByRole("row", { name: /AInfo 100 크레딧/ });
  try {
    await row.getByRole("button", { name: "환불" }).click();
    await page.getByRole("dialog", { name: "AInfo 100 크레딧 환불" }).getByRole("button", { name: "환불 확정" }).click();
    await expect(page.getByTestId("refund-result")).toContainText("크레딧은 보류되어", { timeout: 20_000 });
    await expect(row.getByRole("status")).toHaveText(/PortOne이 아직 환불을 확인하지 않았습니다/, { timeout: 20_000 });
    await expect(row).toContainText("환불 확인 중 (크레딧 보류)");
    await expect(row.getByRole("button", { name: "환불" })).toHaveCount(0);
    await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
  } finally {
    await sandboxCall(page.request, "/_sandbox/faults", { api: "ok" });
    await sandboxCall(page.request, "/_sandbox/webhooks/resume");
  }

  // The cancellation's webhook arrives: the hold becomes the revoke, and the payment reads cancelled.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("결제 취소", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
});

test("a virtual account shows where to pay, and the deposit credits the pack", async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto("/credits");
  await page.getByRole("radio", { name: /가상계좌/ }).check();
  await agreeToPurchaseTerms(page);
  await page.getByRole("button", { name: /100 크레딧/ }).click();
  const checkout = page.frameLocator("iframe[title*='PortOne']");
  await checkout.getByRole("button", { name: "가상계좌 발급받기" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("가상계좌가 발급되었습니다");
  await expect(page.getByTestId("balance")).toHaveText("0");

  await page.goto("/account");
  const row = page.getByRole("row", { name: /AInfo 100 크레딧/ });
  await expect(row).toContainText("입금 대기");
  await expect(row).toContainText(/신한은행 \d{12}/);
  const paymentId = await row.getAttribute("data-payment-id");

  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/deposit`);
  await expect(async () => {
    await page.reload();
    // The page reads balance and history concurrently, so one render may catch the grant's
    // commit between them: both must agree on the same render.
    await expect(page.getByTestId("balance")).toHaveText("100 크레딧", { timeout: 500 });
    await expect(page.getByRole("row", { name: /AInfo 100 크레딧/ })).toContainText("결제 완료", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
});
