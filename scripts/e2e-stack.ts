import { randomBytes } from "node:crypto";
import { E2E_APP_PORT, E2E_APP_URL, E2E_SANDBOX_PORT } from "@/e2e/stack-ports";
import { createScratchDatabase } from "@/db/scratch";
import { startStack, stopOnSignals } from "./stack";

// The production build against a database and sandbox of its own, for Playwright's webServer.
const database = await createScratchDatabase(process.env.TEST_DATABASE_URL);
const stack = await startStack({
  nextCommand: "start",
  databaseUrl: database.url,
  onStop: database.drop,
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(E2E_APP_PORT),
    APP_URL: E2E_APP_URL,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTONE_MODE: "sandbox",
    PORTONE_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
    PORTONE_SANDBOX_RETRY_DELAYS_MS: process.env.PORTONE_SANDBOX_RETRY_DELAYS_MS ?? "0,300,600,1200,2400",
  },
});
stopOnSignals(stack);
console.log(`e2e stack ready at ${stack.appUrl}`);
