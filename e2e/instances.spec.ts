import { expect, test } from "./fixtures";
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
