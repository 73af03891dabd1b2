import { desc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ledgerCheckRuns } from "@/db/schema";
import { checkLedger, type LedgerProblem } from "@/lib/credits/check";
import { recordAudit } from "./audit";
import type { Operator } from "./operators";

export type LedgerCheckView = { id: number; ranAt: string; problems: number; detail: unknown[] };

/**
 * Checks the ledger (lib/credits/check.ts) and records the run in
 * ledger_check_runs; from the console, with its audit row in the same transaction.
 */
export async function runLedgerCheck(by?: { operator: Operator; reason: string }): Promise<{ id: number; problems: LedgerProblem[] }> {
  const problems = await checkLedger();
  const id = await getDb().transaction(async (tx) => {
    const [run] = await tx.insert(ledgerCheckRuns).values({ problems: problems.length, detail: problems }).returning({ id: ledgerCheckRuns.id });
    if (by) {
      await recordAudit(tx, {
        actor: by.operator,
        action: "ledger.check",
        targetType: "reconciliation",
        targetId: `ledger-check:${run!.id}`,
        reason: by.reason,
        detail: { problems: problems.length },
      });
    }
    return run!.id;
  });
  return { id, problems };
}

/** The newest checks first. */
export async function listLedgerChecks(limit = 20): Promise<LedgerCheckView[]> {
  const rows = await getDb().select().from(ledgerCheckRuns).orderBy(desc(ledgerCheckRuns.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, ranAt: r.ranAt.toISOString(), problems: r.problems, detail: r.detail }));
}

/** The most recent ledger check, for the console's overview. */
export async function latestLedgerCheck(): Promise<LedgerCheckView | null> {
  const [check] = await listLedgerChecks(1);
  return check ?? null;
}
