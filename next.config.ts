import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `NEXT_OUTPUT=standalone npm run build` makes a self-contained server for images (README, Going live);
  // not by default, since `next start` (npm start, the tests) warns that it does not support that output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The sandbox and scripts run beside Next, not inside it.
  outputFileTracingExcludes: { "*": ["sandbox/**", "bench/**", "e2e/**"] },
  serverExternalPackages: ["pino"],
};

export default nextConfig;
