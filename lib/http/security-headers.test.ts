import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, portoneBrowserOrigins } from "./security-headers";

const directives = (policy: string) =>
  Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("pageContentSecurityPolicy", () => {
  const sandbox = { sdkUrl: "http://127.0.0.1:4010/v2/browser-sdk.js" };

  it("admits our origin, this response's nonce and the sandbox's origin for its script, calls and checkout frame", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123", portone: sandbox, https: false, development: false }));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc123'", "http://127.0.0.1:4010"]);
    expect(csp["style-src"]).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp["connect-src"]).toEqual(["'self'", "http://127.0.0.1:4010"]);
    expect(csp["frame-src"]).toEqual(["http://127.0.0.1:4010"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("admits PortOne's CDN and checkout hosts in live mode, and upgrades requests on https", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "n", portone: { sdkUrl: undefined }, https: true, development: false }));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-n'", "https://cdn.portone.io"]);
    expect(csp["frame-src"]).toEqual(["https://*.portone.io", "https://*.iamport.co"]);
    expect(csp["upgrade-insecure-requests"]).toEqual([]);
  });

  it("never admits inline scripts or eval in production", () => {
    const policy = pageContentSecurityPolicy({ nonce: "n", portone: sandbox, https: false, development: false });
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
  });
});

describe("portoneBrowserOrigins", () => {
  it("treats PortOne's own SDK URL as live", () => {
    expect(portoneBrowserOrigins({ sdkUrl: "https://cdn.portone.io/v2/browser-sdk.js" }).checkout).toContain("https://*.portone.io");
  });
});
