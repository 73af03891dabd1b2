import { closeDb } from "@/db/client";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { localDatabase } from "./local-env";
import { withSandboxDefaults } from "./sandbox-env";

// In sandbox mode, ask the sandbox `npm run dev` started.
Object.assign(process.env, withSandboxDefaults(process.env));

const database = await localDatabase();
process.env.DATABASE_URL = database.url;
try {
  const report = await reconcilePayments();
  console.log(JSON.stringify(report, null, 2));
  if (report.failed.length > 0) process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
