import type { Page } from "@playwright/test";
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
  const order = await page.request.post("/api/payments", { data: { packId: "credits-100", agreedToTerms: true } });
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

/** Buys a pack through the API and the sandbox (the 100 pack unless told): credits to chat with. */
async function buyCredits(page: Page, pack = { id: "credits-100", credits: 100 }) {
  const order = await page.request.post("/api/payments", { data: { packId: pack.id, agreedToTerms: true } });
  const { paymentId } = (await order.json()) as { paymentId: string };
  await sandboxCall(page.request, `/_sandbox/payments/${paymentId}/pay`);
  expect((await (await page.request.post(`/api/payments/${paymentId}/complete`)).json()).balance).toBe(pack.credits);
}

test("an answer arrives in pieces, renders its Markdown, and the conversation is there after a reload", async ({ page }) => {
  await signUpAndSignIn(page);
  await buyCredits(page);
  await page.goto("/chat");
  await page.getByLabel("메시지").fill("크레딧 팩 가격이 얼마예요?");
  await page.getByLabel("메시지").press("Enter");

  const answer = page.locator("[data-role=assistant]").last();
  // Seen mid-stream: some text, not yet all of it.
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer).toContainText("크레딧 팩은");
  const partial = await answer.innerText();
  await expect(page.getByTestId("balance")).toHaveText("100");
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
  const whole = await answer.innerText();
  expect(whole.length).toBeGreaterThan(partial.length);
  await expect(answer.getByRole("listitem")).toHaveCount(3);
  await expect(answer.getByRole("listitem").first()).toContainText("100 크레딧: ₩1,000");
  await expect(page.getByTestId("balance")).toHaveText("90");

  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.locator("[data-role=user]")).toHaveText(/크레딧 팩 가격이 얼마예요\?/);
  await expect(page.locator("[data-role=assistant]")).toContainText("₩5,000");
  await expect(page.getByRole("navigation", { name: "대화 목록" }).getByRole("link", { name: /크레딧 팩 가격이 얼마예요/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByRole("link", { name: "새 대화" }).click();
  await expect(page.locator("[data-role=assistant]")).toHaveCount(0);
});

test("Esc stops an answer midway: what arrived stays, is charged once, and survives a reload", async ({ page }) => {
  await signUpAndSignIn(page);
  await buyCredits(page);
  await page.goto("/chat");
  await page.getByLabel("메시지").fill("오늘 날씨 이야기를 길게 해 주세요");
  await page.getByLabel("메시지").press("Enter");

  const answer = page.locator("[data-role=assistant]").last();
  await expect(answer).toContainText("프리미엄 답변");
  await page.keyboard.press("Escape");
  await expect(answer).toHaveAttribute("data-status", "stopped");
  await expect(answer).toContainText("중지됨 · 10 크레딧");
  await expect(answer).not.toContainText("CHAT_API_URL");
  const kept = (await answer.innerText()).split("\n")[1];
  await expect(page.getByTestId("balance")).toHaveText("90");

  await page.reload();
  const stored = page.locator("[data-role=assistant]").last();
  await expect(stored).toHaveAttribute("data-status", "stopped");
  await expect(stored).toContainText(kept!.slice(0, 20));
  await expect(page.getByTestId("balance")).toHaveText("90");
});

test("a code block in an answer has a copy button, and model HTML never reaches the page", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUpAndSignIn(page);
  await buyCredits(page);
  await page.goto("/chat");
  await page.getByLabel("메시지").fill("API 예제 코드를 보여 주세요");
  await page.getByLabel("메시지").press("Enter");
  const answer = page.locator("[data-role=assistant]").last();
  await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
  await answer.getByRole("button", { name: "코드 복사" }).click();
  await expect(answer.getByRole("button", { name: "코드 복사" })).toHaveText("복사됨");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("curl -b cookies.txt");

  // The offline answer quotes the question, so this HTML comes back in the model's Markdown.
  await page.getByLabel("메시지").fill('<img src="x" data-injected="yes"> 안녕');
  await page.getByLabel("메시지").press("Enter");
  const quoted = page.locator("[data-role=assistant]").last();
  await expect(quoted).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
  await expect(quoted).toContainText("안녕");
  await expect(page.locator("[data-injected]")).toHaveCount(0);
});

test("another person's conversation is not found", async ({ page, browser }) => {
  await signUpAndSignIn(page);
  await buyCredits(page);
  await page.goto("/chat");
  await page.getByLabel("메시지").fill("제 대화입니다");
  await page.getByLabel("메시지").press("Enter");
  await expect(page.locator("[data-role=assistant]").last()).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
  await expect(page).toHaveURL(/\/chat\?c=/);
  const mine = page.url();

  const other = await browser.newPage();
  await signUpAndSignIn(other);
  // The chat's loading state has already streamed by then, so the status is 200; the page is the 404 page.
  await other.goto(mine);
  await expect(other.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await expect(other.getByText("제 대화입니다")).toHaveCount(0);
  await expect(other.getByLabel("메시지")).toHaveCount(0);
  await other.close();
});

test("a long conversation opens at its latest 50 messages, and the earlier ones load from the keyboard", async ({ page }) => {
  await signUpAndSignIn(page);
  await buyCredits(page, { id: "credits-550", credits: 550 });
  const ask = async (message: string, conversationId?: string) => {
    const res = await page.request.post("/api/chat", { data: { message, ...(conversationId ? { conversationId } : {}) } });
    expect(res.ok(), await res.text()).toBe(true);
    return ((await res.json()) as { conversationId: string }).conversationId;
  };
  const conversationId = await ask("첫 질문: 잔액은?");
  for (let i = 1; i < 26; i++) await ask(`잔액 질문 ${i}`, conversationId);

  await page.goto(`/chat?c=${conversationId}`);
  const messages = page.locator("[data-role]");
  await expect(messages).toHaveCount(50);
  await expect(messages.first()).toHaveAttribute("data-role", "user");
  await expect(messages.first()).toContainText("잔액 질문 1");
  await expect(messages.filter({ hasText: "첫 질문: 잔액은?" })).toHaveCount(0);

  const earlier = page.getByRole("button", { name: "이전 메시지 보기" });
  await earlier.focus();
  await page.keyboard.press("Enter");
  await expect(messages).toHaveCount(52);
  await expect(messages.first()).toContainText("첫 질문: 잔액은?");
  await expect(earlier).toHaveCount(0);
  // The start reached, the button is gone and the first message has the focus.
  await expect(messages.first()).toBeFocused();
});

test("a first question whose answer never began leaves no conversation behind: the page stays a new conversation", async ({ page }) => {
  await signUpAndSignIn(page);
  await buyCredits(page);
  await page.goto("/chat");
  // The server's answer when the model fails before any text: it forgets the question and the conversation the header named.
  await page.route("/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream", "x-conversation-id": crypto.randomUUID() },
      body: `event: error\ndata: ${JSON.stringify({ code: "CHAT_UNAVAILABLE", creditsSpent: 0, balance: 100 })}\n\n`,
    }),
  );
  await page.getByLabel("메시지").fill("크레딧은 어떻게 쓰이나요?");
  await page.getByLabel("메시지").press("Enter");
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("답변을 받지 못했습니다");
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("navigation", { name: "대화 목록" })).toContainText("아직 대화가 없습니다");
  await expect(page.getByLabel("메시지")).toBeVisible();

  await page.unroute("/api/chat");
  await alert.getByRole("button", { name: "다시 시도" }).click();
  await expect(page.locator("[data-role=assistant]").last()).toHaveAttribute("data-status", "complete", { timeout: 15_000 });
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
  await expect(page.getByRole("navigation", { name: "대화 목록" }).getByRole("link", { name: /크레딧은 어떻게 쓰이나요/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.locator("[data-role=user]")).toHaveCount(1);
  await expect(page.getByTestId("balance")).toHaveText("90");
});
