import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { agreeToPurchaseTerms, sandboxCall, signUpAndSignIn } from "./support";

/** Buys the 550 pack through /credits and the sandbox's checkout overlay. */
async function buy550(page: Page) {
  await page.goto("/credits");
  const pack = page.getByRole("region", { name: "550 크레딧" });
  await expect(pack.getByText("+50 보너스")).toBeVisible();
  await expect(pack).toContainText("550 크레딧 (유료 500 + 보너스 50)");
  await expect(page.getByRole("region", { name: "100 크레딧", exact: true })).not.toContainText("보너스");
  await agreeToPurchaseTerms(page);
  await pack.getByRole("button", { name: /550 크레딧/ }).click();
  await page.frameLocator("iframe[title*='PortOne']").getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByRole("status")).toContainText("550 크레딧이 충전되었습니다");
}

async function sendChatMessages(page: Page, count: number, startBalance: number) {
  await page.goto("/chat");
  for (let i = 1; i <= count; i++) {
    await page.getByLabel("메시지").fill(`질문 ${i}`);
    await page.getByRole("button", { name: /보내기/ }).click();
    await expect(page.getByTestId("balance")).toHaveText(String(startBalance - 10 * i));
  }
}

const lotRows = (page: Page) => page.getByRole("region", { name: "보유 크레딧 상세" }).getByRole("row").filter({ has: page.getByRole("cell") });

test("a person who used 60 of the 550 pack's credits (the 50 bonus first) gets ₩4,400 back: the 60 used count against the 500 paid for", async ({ page }) => {
  await signUpAndSignIn(page);
  await buy550(page);

  await page.goto("/account");
  await expect(page.getByTestId("paid-credits")).toHaveText("500");
  await expect(page.getByTestId("bonus-credits")).toHaveText("50");
  // The bonus expires first, so spending draws it first.
  await expect(lotRows(page)).toHaveCount(2);
  await expect(lotRows(page).nth(0)).toContainText("보너스");
  await expect(lotRows(page).nth(0)).toContainText("50/50");
  await expect(lotRows(page).nth(1)).toContainText("유료");
  await expect(lotRows(page).nth(1)).toContainText("500/500");

  await sendChatMessages(page, 6, 550);

  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("490 크레딧");
  await expect(page.getByTestId("paid-credits")).toHaveText("490");
  await expect(page.getByTestId("bonus-credits")).toHaveText("0");
  await expect(lotRows(page)).toHaveCount(1);
  await expect(lotRows(page).first()).toContainText("490/500");

  const row = page.getByRole("row", { name: /AInfo 550 크레딧/ });
  await row.getByRole("button", { name: "환불" }).click();
  const dialog = page.getByRole("dialog", { name: "AInfo 550 크레딧 환불" });
  await expect(dialog.getByTestId("refund-quote")).toHaveText("환불 예정 금액 ₩4,400 · 유료 크레딧 490개 회수 · 수수료 ₩0");
  await expect(dialog).toContainText("청약철회 7일 이내");
  await dialog.getByRole("button", { name: "환불 확정" }).click();

  await expect(page.getByTestId("refund-result")).toContainText("₩4,400 환불");
  await expect(row).toContainText("부분 취소");
  await expect(row).toContainText("₩4,400 취소됨");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
  await expect(page.getByRole("region", { name: "보유 크레딧 상세" })).toContainText("사용할 수 있는 크레딧이 없습니다");

  // Nothing paid is left to refund: the dialog says why instead of offering to confirm.
  await row.getByRole("button", { name: "환불" }).click();
  await expect(dialog.getByRole("alert")).toContainText("크레딧이 남아 있지 않아 환불할 금액이 없습니다");
  await expect(dialog.getByRole("button", { name: "환불 확정" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "닫기" }).click();
  await expect(dialog).toBeHidden();
});

test("a quote that changed before the confirm is shown again, and the new amount is what gets refunded", async ({ page }) => {
  await signUpAndSignIn(page);
  const { paymentId } = (await (await page.request.post("/api/payments", { data: { packId: "credits-100", agreedToTerms: true } })).json()) as {
    paymentId: string;
  };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  await page.request.post(`/api/payments/${paymentId}/complete`);
  await page.goto("/account");

  const row = page.getByRole("row", { name: /AInfo 100 크레딧/ });
  await row.getByRole("button", { name: "환불" }).click();
  const dialog = page.getByRole("dialog", { name: "AInfo 100 크레딧 환불" });
  await expect(dialog.getByTestId("refund-quote")).toHaveText("환불 예정 금액 ₩1,000 · 유료 크레딧 100개 회수 · 수수료 ₩0");

  // Another tab spends a message while the dialog is open.
  expect((await page.request.post("/api/chat", { data: { message: "다른 탭에서" } })).ok()).toBe(true);
  await dialog.getByRole("button", { name: "환불 확정" }).click();
  await expect(dialog).toContainText("환불 금액이 바뀌었습니다");
  await expect(dialog.getByTestId("refund-quote")).toHaveText("환불 예정 금액 ₩900 · 유료 크레딧 90개 회수 · 수수료 ₩0");
  await dialog.getByRole("button", { name: "환불 확정" }).click();

  await expect(page.getByTestId("refund-result")).toContainText("₩900 환불");
  await expect(row).toContainText("부분 취소");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
});

test("a payment made into a virtual account is refunded to the bank account the person gives", async ({ page }) => {
  await signUpAndSignIn(page);
  const { paymentId } = (await (
    await page.request.post("/api/payments", { data: { packId: "credits-100", agreedToTerms: true, payMethod: "VIRTUAL_ACCOUNT" } })
  ).json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`, { method: "VIRTUAL_ACCOUNT" });
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/deposit`);
  await expect.poll(async () => ((await (await page.request.post(`/api/payments/${paymentId}/complete`)).json()) as { creditsGranted: boolean }).creditsGranted).toBe(true);
  await page.goto("/account");

  const row = page.getByRole("row", { name: /AInfo 100 크레딧/ });
  await row.getByRole("button", { name: "환불" }).click();
  const dialog = page.getByRole("dialog", { name: "AInfo 100 크레딧 환불" });
  const account = dialog.getByRole("group", { name: "환불 받을 계좌" });
  await expect(account).toBeVisible();
  await dialog.getByRole("button", { name: "환불 확정" }).click();
  await expect(dialog.getByRole("alert")).toContainText("은행, 계좌번호, 예금주를 모두 입력해 주세요");

  await account.getByLabel("은행").selectOption({ label: "카카오뱅크" });
  await account.getByLabel("계좌번호").fill("3333-01-2345678");
  await account.getByLabel("예금주").fill("홍길동");
  await dialog.getByRole("button", { name: "환불 확정" }).click();
  await expect(page.getByTestId("refund-result")).toContainText("₩1,000 환불");
  await expect(row).toContainText("취소");
  await expect(page.getByTestId("balance")).toHaveText("0 크레딧");
});
