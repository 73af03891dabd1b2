import { expect, test } from "./fixtures";
import { expectNoSeriousAxeViolations, signUpAndSignIn } from "./support";

test("a visitor sees the packs and the seller, picks a pack, signs up, comes back to it, must consent, and pays", async ({ page }) => {
  await page.goto("/");
  const packs = page.getByRole("region", { name: "크레딧 팩" });
  await expect(packs.getByRole("listitem")).toHaveCount(3);
  await expect(packs.getByRole("listitem").filter({ hasText: "550 크레딧" })).toContainText("₩5,000");
  await expect(packs.getByRole("listitem").filter({ hasText: "550 크레딧" })).toContainText("보너스 50");
  const seller = page.getByRole("contentinfo");
  for (const field of ["상호", "대표자", "사업자등록번호", "통신판매업 신고번호", "주소", "전화", "이메일", "개인정보 보호책임자"]) {
    await expect(seller.getByText(field, { exact: true })).toBeVisible();
  }
  await expect(seller).toContainText("샘플 사업자 정보");
  await expect(seller.getByRole("link", { name: "환불 정책" })).toHaveAttribute("href", "/refund-policy");

  await page.getByRole("link", { name: "550 크레딧 ₩5,000 구매하기" }).click();
  await expect(page).toHaveURL(/\/signup\?callbackUrl=/);
  await page.getByLabel("이메일").fill(`e2e-${crypto.randomUUID()}@example.com`);
  await page.getByLabel("비밀번호").fill("a good password");
  await page.getByRole("button", { name: "가입하기" }).click();

  await expect(page).toHaveURL(/\/credits\?pack=credits-550$/);
  const chosen = page.getByRole("region", { name: "550 크레딧" });
  await expect(chosen).toContainText("선택한 팩");

  let orders = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/payments") && r.method() === "POST") orders++;
  });
  await chosen.getByRole("button", { name: /550 크레딧/ }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("구매 조건과 환불 정책에 동의해 주세요");
  const consent = page.getByRole("checkbox", { name: /구매 조건 및 환불 정책을 확인했으며 결제에 동의합니다/ });
  await expect(consent).toBeFocused();
  expect(orders).toBe(0);

  await expect(page.getByRole("region", { name: "구매 조건" })).toContainText("7일");
  await consent.check();
  await chosen.getByRole("button", { name: /550 크레딧/ }).click();
  await page.frameLocator("iframe[title*='PortOne']").getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByRole("status")).toContainText("550 크레딧이 충전되었습니다");
  expect(orders).toBe(1);
});

test("robots.txt keeps private pages out and names the sitemap, which lists the public pages", async ({ request, baseURL }) => {
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /admin");
  expect(robots).toContain("Disallow: /api/");
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
  const sitemap = await (await request.get("/sitemap.xml")).text();
  for (const path of ["/credits", "/terms", "/refund-policy", "/privacy", "/support"]) expect(sitemap).toContain(`${baseURL}${path}`);
  expect(sitemap).not.toContain("/admin");
});

test("the landing page carries a title, a description and Open Graph tags", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("AInfo 프리미엄 챗봇 크레딧");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /크레딧/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "AInfo 프리미엄 챗봇 크레딧");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", /^http/);
});

test("axe finds no serious or critical violations on the landing, purchase, account and chat pages", async ({ page }) => {
  await page.goto("/");
  await expectNoSeriousAxeViolations(page);
  await signUpAndSignIn(page);
  for (const path of ["/", "/credits?pack=credits-550", "/account", "/chat"]) {
    await page.goto(path);
    await expectNoSeriousAxeViolations(page);
  }
});
