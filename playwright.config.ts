import { defineConfig } from "@playwright/test";
import { E2E_APP_URL, E2E_INSTANCES } from "./e2e/stack-ports";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // The load-balancer spec needs the two-instance stack (E2E_INSTANCES=2, run by .ci/run).
  testIgnore: E2E_INSTANCES < 2 ? ["**/instances.spec.ts"] : [],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: E2E_APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `npx tsx scripts/e2e-stack.ts`,
    url: `${E2E_APP_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM, so the stack stops its children, drops its database and reports how nginx spread the requests.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
