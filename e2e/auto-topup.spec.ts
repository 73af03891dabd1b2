import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ON_A_PHONE, sandboxCall, signUpAndSignIn } from "./support";

const portoneWindow = (page: Page) => page.frameLocator("iframe[title*='PortOne']");

/** 100 credits bought through the API and the sandbox, as the other specs do. */
async function buy100(page: Page) {
  const order = await page.request.post("/api/payments", { data: { packId: "credits-100", agreedToTerms: true } });
  const { paymentId } = (await order.json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  expect((await (await page.request.post(`/api/payments/${paymentId}/complete`)).json()).balance).toBe(100);
}

/** On /account: registers a card in PortOne's window (declining or not), then turns auto top-up on for the 100 pack below `threshold`. */
async function enableWithCard(page: Page, threshold: number, card: "카드 등록" | "거절되는 테스트 카드 등록" = "카드 등록") {
  await page.goto("/account");
  const panel = page.locator("#auto-topup");
  await panel.getByRole("button", { name: "카드 등록" }).click();
  await portoneWindow(page).getByRole("button", { name: card, exact: true }).click();
  await expect(panel.getByRole("status")).toHaveText("카드를 등록했습니다.");
  await expect(panel.getByTestId("auto-topup-card")).toContainText(/···· \d{4}/);

  await panel.getByLabel("충전할 팩").selectOption("credits-100");
  await panel.getByLabel("기준 잔액 (크레딧)").fill(String(threshold));
  await panel.getByLabel("월 한도 (원)").fill("10000");
  await expect(panel.getByText(/크레딧 아래로/)).toContainText(`${threshold} 크레딧 아래로`);
  await panel.getByRole("checkbox", { name: "자동 충전 사용" }).check();
  await panel.getByRole("button", { name: "저장" }).click();
  await expect(panel.getByRole("status")).toHaveText("자동 충전을 켰습니다.");
}

async function chatOnce(page: Page, message: string) {
  await page.goto("/chat");
  await page.getByLabel("메시지").fill(message);
  await page.getByLabel("메시지").press("Enter");
  await expect(page.locator("[data-role=assistant]").last()).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
}

test("with a card registered and auto top-up on, a chat that takes the balance below the threshold tops it up", async ({ page }) => {
  await signUpAndSignIn(page);
  await buy100(page);
  await enableWithCard(page, 95);

  await chatOnce(page, "크레딧은 어떻게 쓰나요?");
  await expect(page.getByText(/자동 충전 켜짐/)).toBeVisible();

  // The top-up is charged after the chat's answer: reload until it shows, with balance, history and settings on one render.
  await expect(async () => {
    await page.goto("/account");
    await expect(page.getByTestId("balance")).toHaveText("190 크레딧", { timeout: 500 });
    await expect(page.getByRole("row", { name: /AInfo 100 크레딧 자동 충전/ })).toContainText("결제 완료", { timeout: 500 });
    await expect(page.getByTestId("month-charged")).toHaveText("₩1,000", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("row", { name: /AInfo 100 크레딧 자동 충전/ })).toContainText("카드 · 자동 충전");
});

test("a declined top-up turns auto top-up off, removes the card and says so on /account and in the chat", async ({ page }) => {
  await signUpAndSignIn(page);
  await buy100(page);
  await enableWithCard(page, 95, "거절되는 테스트 카드 등록");

  await chatOnce(page, "안녕하세요");
  // The page reads the settings and the history concurrently, so one render may fall between the decline's
  // commit and the next read: both must show it on the same render.
  await expect(async () => {
    await page.goto("/account");
    await expect(page.locator("#auto-topup").getByRole("alert")).toContainText("카드 결제가 거절되어 자동 충전을 껐습니다", { timeout: 500 });
    await expect(page.getByRole("row", { name: /자동 충전/ })).toContainText("결제 실패", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  const panel = page.locator("#auto-topup");
  await expect(panel.getByText("등록된 카드가 없습니다")).toBeVisible();
  await expect(panel.getByRole("checkbox", { name: "자동 충전 사용" })).not.toBeChecked();
  await expect(page.getByTestId("balance")).toHaveText("90 크레딧");

  await page.goto("/chat");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("자동 충전이 꺼졌습니다");
  await expect(page.getByRole("link", { name: "카드를 다시 등록하고 켜기" })).toHaveAttribute("href", "/account#auto-topup");
});

test("removing the card turns auto top-up off, and the next low balance charges nothing", async ({ page }) => {
  await signUpAndSignIn(page);
  await buy100(page);
  await enableWithCard(page, 95);
  const panel = page.locator("#auto-topup");
  await panel.getByRole("button", { name: "카드 삭제" }).click();
  await panel.getByRole("group", { name: "카드 삭제 확인" }).getByRole("button", { name: "삭제" }).click();
  await expect(panel.getByRole("status")).toHaveText("카드를 삭제하고 자동 충전을 껐습니다.");
  await expect(panel.getByText("현재: 꺼짐")).toBeVisible();

  await chatOnce(page, "안녕하세요");
  await page.goto("/account");
  await expect(page.getByTestId("balance")).toHaveText("90 크레딧");
  await expect(page.getByRole("row", { name: /자동 충전/ })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use(ON_A_PHONE);

  test("card registration takes over the page and returns to /account/card, which keeps the card", async ({ page }) => {
    await signUpAndSignIn(page);
    await page.goto("/account");
    await page.locator("#auto-topup").getByRole("button", { name: "카드 등록" }).click();
    // No overlay on a phone: PortOne's page replaces ours.
    await page.getByRole("button", { name: "카드 등록", exact: true }).click();

    await expect(page).toHaveURL(/\/account\/card\?/);
    await expect(page.getByRole("main").getByRole("status")).toContainText(/카드를 등록했습니다: .*···· \d{4}/);
    await page.getByRole("link", { name: "자동 충전 설정으로 돌아가기" }).click();
    await expect(page.locator("#auto-topup").getByTestId("auto-topup-card")).toContainText(/···· \d{4}/);
  });

  test("a registration cancelled in PortOne's page keeps no card and says so", async ({ page }) => {
    await signUpAndSignIn(page);
    await page.goto("/account");
    await page.locator("#auto-topup").getByRole("button", { name: "카드 등록" }).click();
    await page.getByRole("button", { name: "취소" }).click();

    await expect(page).toHaveURL(/\/account\/card\?/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("카드 등록을 취소했습니다. 요금은 청구되지 않았습니다.");
    await page.goto("/account");
    await expect(page.locator("#auto-topup").getByTestId("auto-topup-card")).toHaveCount(0);
  });
});

test("a billing key written into the return address by hand is not kept", async ({ page }) => {
  await signUpAndSignIn(page);
  await page.goto("/account/card?billingKey=billing-key-made-up");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("카드를 확인하지 못해 저장하지 않았습니다. 다시 등록해 주세요.");
  await page.goto("/account");
  await expect(page.locator("#auto-topup").getByTestId("auto-topup-card")).toHaveCount(0);
});
