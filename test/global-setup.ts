import type { TestProject } from "vitest/node";
import { closeDb } from "@/db/client";
import { checkLedger } from "@/lib/credits/check";
import { SANDBOX_DEFAULTS } from "@/sandbox/defaults";
import { startSandbox } from "@/sandbox/server";
import { TEST_AUTH_SECRET } from "./support/constants";
import { sandboxPortOneEnv } from "./support/portone-env";
import { createScratchDatabase } from "@/scripts/scratch-database";
import { startWebhookEndpoint } from "./support/webhook-endpoint";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    sandboxUrl: string;
  }
}

/**
 * One run's world: a migrated database of its own (embedded PGlite, or a new
 * database on TEST_DATABASE_URL), a PortOne sandbox, and the webhook route served to it.
 */
export default async function setup(project: TestProject) {
  const database = await createScratchDatabase(process.env.TEST_DATABASE_URL);
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = TEST_AUTH_SECRET;
  const webhooks = await startWebhookEndpoint();
  const sandbox = await startSandbox({
    port: 0,
    apiSecret: SANDBOX_DEFAULTS.apiSecret,
    webhookSecret: SANDBOX_DEFAULTS.webhookSecret,
    storeId: SANDBOX_DEFAULTS.storeId,
    webhookUrl: webhooks.url,
    retryDelaysMs: [0, 200, 400, 800],
  });
  // The webhook route runs in this process.
  Object.assign(process.env, sandboxPortOneEnv(sandbox.url));
  project.provide("databaseUrl", database.url);
  project.provide("sandboxUrl", sandbox.url);
  return async () => {
    await sandbox.close();
    await webhooks.close();
    // After the whole suite: every balance equals its ledger, every credited payment has one purchase row.
    const problems = await checkLedger();
    await closeDb();
    await database.drop();
    if (problems.length > 0) throw new Error(`ledger check failed after the suite: ${JSON.stringify(problems)}`);
  };
}
