import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { TEST_AUTH_SECRET, TEST_CRON_SECRET } from "./support/constants";
import { sandboxPortOneEnv } from "./support/portone-env";

process.env.LOG_LEVEL ??= "error";
// Answers stream at once; tests that need pauses bring a responder of their own.
process.env.CHAT_OFFLINE_PIECE_DELAY_MS ??= "0";
process.env.DATABASE_URL = inject("databaseUrl");
Object.assign(process.env, sandboxPortOneEnv(inject("sandboxUrl")));
process.env.AUTH_SECRET = TEST_AUTH_SECRET;
process.env.APP_URL = "http://localhost:3000";
process.env.CRON_SECRET = TEST_CRON_SECRET;

afterAll(async () => {
  await closeDb();
});
