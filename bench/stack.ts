import { randomBytes } from "node:crypto";
import { closeDb } from "@/db/client";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { freePort } from "@/scripts/processes";
import { startStack, type Stack } from "@/scripts/stack";

export type BenchStack = Stack & { authSecret: string; databaseLabel: string; close(): Promise<void> };

/**
 * The production server (`next start`, built beforehand) with the sandbox as
 * PortOne and a database of its own: on BENCH_DATABASE_URL's server when set,
 * else embedded. The benchmark sends its own signed deliveries, so the sandbox's
 * go nowhere, once.
 */
export async function startBenchStack(nextNodeArgs: string[] = [], extraEnv: Record<string, string> = {}): Promise<BenchStack> {
  const database = await createScratchDatabase(process.env.BENCH_DATABASE_URL);
  process.env.DATABASE_URL = database.url;
  const [appPort, sandboxPort] = [await freePort(), await freePort()];
  const authSecret = randomBytes(32).toString("base64url");
  const stack = await startStack({
    nextCommand: "start",
    databaseUrl: database.url,
    quiet: true,
    nextNodeArgs,
    onStop: database.drop,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(appPort),
      APP_URL: `http://127.0.0.1:${appPort}`,
      AUTH_SECRET: authSecret,
      PORTONE_MODE: "sandbox",
      PORTONE_SANDBOX_PORT: String(sandboxPort),
      PORTONE_SANDBOX_WEBHOOK_URL: "http://127.0.0.1:9/",
      PORTONE_SANDBOX_RETRY_DELAYS_MS: "0",
      ...extraEnv,
    },
  });
  return {
    ...stack,
    authSecret,
    databaseLabel: process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "embedded PGlite",
    async close() {
      await closeDb();
      await stack.stop();
    },
  };
}
