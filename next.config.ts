import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// Static security headers for every response. The Content-Security-Policy (with its
// per-request nonce), HSTS (which depends on APP_URL at run time) and x-request-id come
// from proxy.ts, which does not see the build's static files: those get a policy here.
const securityHeaders = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
const STATIC_FILE_POLICY = "default-src 'none'; frame-ancestors 'none'";

const nextConfig: NextConfig = {
  // `NEXT_OUTPUT=standalone npm run build` makes a self-contained server for images (README, Going live);
  // not by default, since `next start` (npm start, the tests) warns that it does not support that output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The sandbox and scripts run beside Next, not inside it.
  outputFileTracingExcludes: { "*": ["sandbox/**", "bench/**", "e2e/**"] },
  serverExternalPackages: ["pino"],
  poweredByHeader: false,
  // proxy.ts sees the query as the client sent it, not re-encoded by Next.js, so it can refuse one that does not decode.
  skipProxyUrlNormalize: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...["/_next/static/:path*", "/_next/image"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_POLICY }],
      })),
    ];
  },
};

export default nextConfig;
