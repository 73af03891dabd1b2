import { closeDb } from "@/db/client";
import { runLedgerCheck } from "@/lib/admin/ledger-checks";
import { localDatabase } from "./local-env";

const database = await localDatabase();
process.env.DATABASE_URL = database.url;
try {
  const { problems } = await runLedgerCheck();
  if (problems.length === 0) {
    console.log(
      "ledger check: every balance equals its ledger and its open lots less its debt, every lot its draws, every credited payment one purchase row",
    );
  } else {
    console.error(`ledger check: ${problems.length} problem(s)`);
    for (const p of problems) console.error(JSON.stringify(p));
    process.exitCode = 1;
  }
} finally {
  await closeDb();
  await database.stop();
}
