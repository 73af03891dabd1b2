import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { agreeToPurchaseTerms, ON_A_PHONE, sandboxCall, signUpAndSignIn } from "./support";

async function startPurchase(page: Page, packName: string) {
  await page.goto("/credits");
  await expect(page.getByTestId("balance")).toHaveText("0");
  await agreeToPurchaseTerms(page);
  const order = page.waitForResponse((r) => r.url().endsWith("/api/payments") && r.request().method() === "POST");
  await page.getByRole("button", { name: new RegExp(packName) }).click();
  expect((await order).status()).toBe(201);
}

const checkout = (page: Page) => page.frameLocator("iframe[title*='PortOne']");

test("a person buys the 550 pack in the checkout overlay and sees 550 credits and the payment", async ({ page }) => {
  await signUpAndSignIn(page);
  await startPurchase(page, "550 크레딧");

  await expect(checkout(page).getByText("₩5,000")).toBeVisible();
  await checkout(page).getByRole("button", { name: "결제하기" }).click();

  await expect(page.getByRole("status")).toContainText("550 크레딧이 충전되었습니다");
  await expect(page.getByTestId("balance")).toHaveText("550");

  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("550 크레딧");
  const row = page.getByRole("row", { name: /AInfo 550 크레딧/ });
  await expect(row).toContainText("₩5,000");
  await expect(row).toContainText("결제 완료");

  const opened = page.waitForEvent("popup");
  await row.getByRole("link", { name: /영수증/ }).click();
  const receipt = await opened;
  await expect(receipt.getByRole("heading", { name: "영수증" })).toBeVisible();
  await expect(receipt.getByText("₩5,000")).toBeVisible();
});

test("a pack paid with 카카오페이: the checkout shows it, and so does the history", async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto("/credits");
  await page.getByRole("radio", { name: "카카오페이" }).check();
  await agreeToPurchaseTerms(page);
  await page.getByRole("button", { name: /100 크레딧/ }).click();
  await expect(checkout(page).getByText("카카오페이").first()).toBeVisible();
  await checkout(page).getByRole("button", { name: "카카오페이로 결제하기" }).click();
  await expect(page.getByRole("status")).toContainText("100 크레딧이 충전되었습니다");

  await page.goto("/account");
  const row = page.getByRole("row", { name: /AInfo 100 크레딧/ });
  await expect(row).toContainText("결제 완료");
  await expect(row).toContainText("카카오페이");
});

test("a double click opens one checkout for one order", async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto("/credits");
  let orders = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/payments") && r.method() === "POST") orders++;
  });
  await agreeToPurchaseTerms(page);
  await page.getByRole("button", { name: /100 크레딧/ }).dblclick();
  await expect(checkout(page).getByRole("button", { name: "결제하기" })).toBeVisible();
  await expect(page.locator("iframe[title*='PortOne']")).toHaveCount(1);
  expect(orders).toBe(1);
  await checkout(page).getByRole("button", { name: "취소" }).click();
});

test("a declined card leaves the balance at 0 with a clear message", async ({ page }) => {
  await signUpAndSignIn(page);
  await startPurchase(page, "100 크레딧");
  await checkout(page).getByRole("button", { name: /거절/ }).click();

  await expect(page.getByRole("main").getByRole("alert")).toContainText("결제가 거절되었습니다");
  await expect(page.getByTestId("balance")).toHaveText("0");
  // The decline reaches the database by the page's background complete call or by the webhook, a moment after the message.
  await expect(async () => {
    await page.goto("/account");
    await expect(page.getByRole("row", { name: /AInfo 100 크레딧/ })).toContainText("결제 실패", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("closing the checkout leaves the balance at 0 and says nothing was charged", async ({ page }) => {
  await signUpAndSignIn(page);
  await startPurchase(page, "1,200 크레딧");
  await checkout(page).getByRole("button", { name: "취소" }).click();

  await expect(page.getByRole("status")).toContainText("결제를 취소했습니다");
  await expect(page.getByTestId("balance")).toHaveText("0");
  // The buttons are usable again for a new attempt.
  await expect(page.getByRole("button", { name: /1,200 크레딧/ })).toBeEnabled();
});

test("a checkout paid with a different amount is not credited, and the page says so", async ({ page }) => {
  await signUpAndSignIn(page);
  const res = await page.request.post("/api/payments", { data: { packId: "credits-550", agreedToTerms: true } });
  const { paymentId } = (await res.json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`, { amount: 100 });

  await page.goto(`/credits/complete?paymentId=${paymentId}&txId=tx-tampered&transactionType=PAYMENT`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("결제된 금액이 주문 금액과 달라");
  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
  await expect(page.getByRole("row", { name: /AInfo 550 크레딧/ })).toContainText("금액 불일치");
});

test.describe("on a phone", () => {
  test.use(ON_A_PHONE);

  test("the redirect flow returns to /credits/complete and credits the pack", async ({ page }) => {
    await signUpAndSignIn(page);
    await page.goto("/credits");
    await agreeToPurchaseTerms(page);
    // The checkout takes over the page at once, so the order's response body is never read here.
    await page.getByRole("button", { name: /550 크레딧/ }).click();

    await page.getByRole("button", { name: "결제하기" }).click();
    await expect(page).toHaveURL(/\/credits\/complete\?/);
    await expect(page.getByRole("status")).toContainText("550 크레딧이 충전되었습니다");
    await page.goto("/account");
    await expect(page.getByTestId("balance")).toHaveText("550 크레딧");
  });
});
