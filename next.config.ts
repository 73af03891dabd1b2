import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The sandbox and scripts run beside Next, not inside it.
  outputFileTracingExcludes: { "*": ["sandbox/**", "bench/**", "e2e/**"] },
  serverExternalPackages: ["pino"],
};

export default nextConfig;
