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

  describe("a path or query that does not percent-decode", () => {
    const malformed = [
      "/api/payments/%C0%AF",
      "/api/payments/%C0%AF/complete",
      "/api/conversations/%E0%A4%A",
      "/api/payments/%ZZ",
      "/admin/users/%C0%AF",
      "/credits/complete?paymentId=%C0%AF",
      "/api/payments?limit=%E0%A4%A",
      "/signin?callbackUrl=%ZZ",
      "/chat?q=50%",
    ];

    it.each(malformed)("%s is a 400 problem with the API's closed policy and a request id, and goes no further", async (path) => {
      const proxy = await freshProxy("https://credits.example.com");
      const response = proxy(new NextRequest(`https://credits.example.com${path}`, { headers: { "x-request-id": "trace-bad-url" } }));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toEqual({
        type: "about:blank#MALFORMED_URL",
        title: expect.any(String),
        status: 400,
        detail: expect.any(String),
        code: "MALFORMED_URL",
      });
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(response.headers.get("x-request-id")).toBe("trace-bad-url");
      expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers.get("x-middleware-next")).toBeNull();
    });

    it.each(["/api/payments/pay-1?limit=10", "/chat?q=%ED%95%9C%EA%B8%80+50%25", "/credits/complete?paymentId=pay-1&message=%EA%B2%B0%EC%A0%9C%20%EC%B7%A8%EC%86%8C"])(
      "%s, well encoded, goes on to the app",
      async (path) => {
        const proxy = await freshProxy("http://localhost:3000");
        const response = proxy(new NextRequest(`http://localhost:3000${path}`));
        expect(response.headers.get("x-middleware-next")).toBe("1");
      },
    );
  });
});
