import { expect, test } from "./fixtures";
import { sandboxCall, signUpAndSignIn } from "./support";

test("with 0 credits the chat page offers the purchase page and spends nothing", async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto("/chat");
  await expect(page.getByText("메시지당 10 크레딧")).toBeVisible();
  await page.getByLabel("메시지").fill("안녕하세요");
  await page.getByLabel("메시지").press("Enter");

  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("크레딧이 부족합니다");
  await alert.getByRole("link", { name: "크레딧 구매하기" }).click();
  await expect(page).toHaveURL("/credits");
  await expect(page.getByTestId("balance")).toHaveText("0");
});

test("a person with credits sends a message and sees the balance drop by 10", async ({ page }) => {
  await signUpAndSignIn(page);
  const order = await page.request.post("/api/payments", { data: { packId: "credits-100" } });
  const { paymentId } = (await order.json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  expect((await (await page.request.post(`/api/payments/${paymentId}/complete`)).json()).balance).toBe(100);

  await page.goto("/chat");
  await expect(page.getByTestId("balance")).toHaveText("100");
  await page.getByLabel("메시지").fill("크레딧은 어떻게 쓰이나요?");
  await page.getByRole("button", { name: /보내기/ }).click();

  await expect(page.locator("[data-role=assistant]")).toContainText("메시지당 10 크레딧");
  await expect(page.getByTestId("balance")).toHaveText("90");
  await expect(page.locator("[data-role=user]")).toContainText("크레딧은 어떻게 쓰이나요?");

  await page.goto("/account");
  await expect(page.getByRole("row", { name: /프리미엄 채팅/ })).toContainText("-10");
});
