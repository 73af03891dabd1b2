import { expect, test } from "@playwright/test";
import { E2E_INSTANCES } from "./stack-ports";

test("behind the load balancer, requests are spread over every instance", async ({ request }) => {
  test.skip(E2E_INSTANCES < 2, "one instance, no load balancer (E2E_INSTANCES=2 runs it)");
  const upstreams = new Set<string>();
  for (let i = 0; i < 10; i++) {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    upstreams.add(res.headers()["x-upstream"] ?? "none");
  }
  expect(upstreams.has("none")).toBe(false);
  expect(upstreams.size).toBe(E2E_INSTANCES);
});
