import { expect, test } from "./fixtures";
import { sandboxCall, signUpAndSignIn } from "./support";
import { E2E_INSTANCES } from "./stack-ports";

// Runs only in the two-instance stack (E2E_INSTANCES=2): playwright.config.ts leaves it out otherwise.
test("behind the load balancer, requests are spread over every instance", async ({ request }) => {
  const upstreams = new Set<string>();
  for (let i = 0; i < 10; i++) {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    upstreams.add(res.headers()["x-upstream"] ?? "none");
  }
  expect(upstreams.has("none")).toBe(false);
  expect(upstreams.size).toBe(E2E_INSTANCES);
});

test("spends on both instances at once that cross the threshold make exactly one auto top-up", async ({ page }) => {
  await signUpAndSignIn(page);
  const api = page.request;
  const session = (await (await api.get("/api/auth/session")).json()) as { user: { id: string } };
  const order = (await (await api.post("/api/payments", { data: { packId: "credits-550", agreedToTerms: true } })).json()) as { paymentId: string };
  await sandboxCall(api, `/_sandbox/payments/${order.paymentId}/pay`);
  expect(await (await api.post(`/api/payments/${order.paymentId}/complete`)).json()).toMatchObject({ creditsGranted: true });

  const card = (await (await sandboxCall(api, "/_sandbox/billing-keys", { customerId: session.user.id })).json()) as { billingKey: string };
  expect((await api.post("/api/auto-topup/card", { data: { billingKey: card.billingKey } })).status()).toBe(200);
  const rule = { enabled: true, packId: "credits-100", threshold: 500, monthlyCapKrw: 30_000 };
  expect((await api.put("/api/auto-topup", { data: rule })).status()).toBe(200);

  // 550 → 350 in 20 messages spread over both instances; every one of them leaves the balance below 500.
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => api.post("/api/chat", { data: { message: `메시지 ${i}`, idempotencyKey: `instances-${session.user.id}-${i}` } })),
  );
  expect(answers.map((a) => a.status())).toEqual(Array(20).fill(200));
  expect(new Set(answers.map((a) => a.headers()["x-upstream"])).size).toBe(E2E_INSTANCES);

  await expect(async () => {
    const payments = (await (await api.get("/api/payments")).json()) as Array<{ trigger: string; status: string }>;
    const topUps = payments.filter((p) => p.trigger === "AUTO_TOPUP");
    expect(topUps.map((t) => t.status)).toEqual(["PAID"]);
  }).toPass({ timeout: 15_000 });
  const credits = (await (await api.get("/api/credits")).json()) as { balance: number };
  expect(credits.balance).toBe(550 - 200 + 100);
});
