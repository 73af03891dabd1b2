import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshProxy(appUrl: string) {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  return (await import("@/proxy")).proxy;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy.ts", () => {
  it("gives a page a nonce policy and hands the same policy and a request id to the app", async () => {
    const proxy = await freshProxy("http://localhost:3000");
    const response = proxy(new NextRequest("http://localhost:3000/credits"));
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("frame-ancestors 'none'");
    // NextResponse.next({ request }) passes the rewritten request headers to the page or route handler this way.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe(requestId);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("gives every page a new nonce", async () => {
    const proxy = await freshProxy("http://localhost:3000");
    const policyOf = () => proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy");
    expect(policyOf()).not.toBe(policyOf());
  });

  it("keeps an incoming request id and gives the API a closed policy", async () => {
    const proxy = await freshProxy("http://localhost:3000");
    const response = proxy(new NextRequest("http://localhost:3000/api/health", { headers: { "x-request-id": "trace-42" } }));
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe("trace-42");
  });

  it("sends HSTS only when the app's URL is https", async () => {
    const proxy = await freshProxy("https://credits.example.com");
    const response = proxy(new NextRequest("https://credits.example.com/"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
