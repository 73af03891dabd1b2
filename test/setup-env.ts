import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { TEST_AUTH_SECRET, TEST_CRON_SECRET } from "./support/constants";

process.env.LOG_LEVEL ??= "error";
process.env.DATABASE_URL = inject("databaseUrl");
process.env.PORTONE_API_BASE_URL = inject("sandboxUrl");
process.env.AUTH_SECRET = TEST_AUTH_SECRET;
process.env.APP_URL = "http://localhost:3000";
process.env.PORTONE_MODE = "sandbox";
process.env.CRON_SECRET = TEST_CRON_SECRET;

afterAll(async () => {
  await closeDb();
});
