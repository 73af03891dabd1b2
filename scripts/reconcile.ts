import { closeDb } from "@/db/client";
import { runReconciliation } from "@/lib/admin/reconcile-runs";
import { localDatabase } from "./local-env";
import { withSandboxDefaults } from "./sandbox-env";

// In sandbox mode, ask the sandbox `npm run dev` started.
Object.assign(process.env, withSandboxDefaults(process.env));

const database = await localDatabase();
process.env.DATABASE_URL = database.url;
try {
  const report = await runReconciliation("cli");
  console.log(JSON.stringify(report, null, 2));
  if (report.failed.length > 0) process.exitCode = 1;
} finally {
  await closeDb();
  await database.stop();
}
