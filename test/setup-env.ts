import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET = "test-auth-secret-for-vitest-only";
process.env.APP_URL = "http://localhost:3000";
process.env.PORTONE_MODE = "sandbox";

afterAll(async () => {
  await closeDb();
});
