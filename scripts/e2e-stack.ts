import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { E2E_APP_PORT, E2E_APP_URL, E2E_DATABASE_URL_FILE, E2E_INSTANCES, E2E_SANDBOX_PORT } from "@/e2e/stack-ports";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { startBalancedStack, startStack, stopOnSignals } from "./stack";

// The production build against a database and sandbox of its own, for Playwright's webServer:
// one `next start` on the app's port, or with E2E_INSTANCES=n, n of them behind nginx there.
const database = await createScratchDatabase(process.env.TEST_DATABASE_URL);
writeFileSync(E2E_DATABASE_URL_FILE, database.url, { mode: 0o600 });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(E2E_APP_PORT),
  APP_URL: E2E_APP_URL,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  PORTONE_MODE: "sandbox",
  PORTONE_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
  PORTONE_SANDBOX_RETRY_DELAYS_MS: process.env.PORTONE_SANDBOX_RETRY_DELAYS_MS ?? "0,300,600,1200,2400",
  // Slow enough for a spec to watch an answer arrive in pieces and stop it midway.
  CHAT_OFFLINE_PIECE_DELAY_MS: process.env.CHAT_OFFLINE_PIECE_DELAY_MS ?? "25",
};
const options = { nextCommand: "start" as const, databaseUrl: database.url, onStop: database.drop };

if (E2E_INSTANCES > 1) {
  // nginx appends the address it saw to X-Forwarded-For; the specs act as one more proxy before it, naming
  // a client address of their own (e2e/support.ts), so two hops are trusted, as with a CDN in front of nginx.
  const stack = await startBalancedStack({ ...options, env: { ...env, TRUST_PROXY_HOPS: "2" }, instances: E2E_INSTANCES });
  stopOnSignals({
    async stop() {
      console.log(`e2e stack: requests answered by each instance: ${JSON.stringify(stack.requestsByUpstream())}`);
      await stack.stop();
    },
  });
  console.log(`e2e stack ready at ${stack.appUrl}: ${E2E_INSTANCES} instances behind nginx`);
} else {
  const stack = await startStack({ ...options, env });
  stopOnSignals(stack);
  console.log(`e2e stack ready at ${stack.appUrl}`);
}
