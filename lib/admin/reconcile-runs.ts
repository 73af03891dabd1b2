import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { reconcileRuns, type ReconcileRun } from "@/db/schema";
import { reconcilePayments, type ReconcileReport } from "@/lib/payments/reconcile";
import { recordAudit } from "./audit";
import type { Operator } from "./operators";

export type ReconcileRunView = {
  id: number;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  checked: number;
  changed: number;
  failed: number;
  complete: boolean;
  report: Record<string, unknown> | null;
};

function toView(r: ReconcileRun): ReconcileRunView {
  return {
    id: r.id,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    checked: r.checked,
    changed: r.changed,
    failed: r.failed,
    complete: r.complete,
    report: r.report ?? null,
  };
}

/** Runs reconcilePayments under a reconcile_runs row already written, and records how it ended (a crash too). */
async function runRecorded(runId: number): Promise<ReconcileReport> {
  try {
    const report = await reconcilePayments();
    await getDb()
      .update(reconcileRuns)
      .set({
        finishedAt: new Date(),
        checked: report.checked,
        changed: report.changed.length,
        failed: report.failed.length,
        complete: report.complete,
        report,
      })
      .where(eq(reconcileRuns.id, runId));
    return report;
  } catch (error) {
    await getDb()
      .update(reconcileRuns)
      .set({ finishedAt: new Date(), report: { error: error instanceof Error ? error.message : String(error) } })
      .where(eq(reconcileRuns.id, runId));
    throw error;
  }
}

/** One reconciliation by the scheduler or `npm run reconcile`, recorded in reconcile_runs. */
export async function runReconciliation(startedBy: "cron" | "cli"): Promise<ReconcileReport> {
  const [run] = await getDb().insert(reconcileRuns).values({ startedBy }).returning({ id: reconcileRuns.id });
  return runRecorded(run!.id);
}

/** One reconciliation asked for from the console: the run's row and its audit row commit together before it starts. */
export async function runReconciliationAsOperator(operator: Operator, reason: string): Promise<{ runId: number; report: ReconcileReport }> {
  const runId = await getDb().transaction(async (tx) => {
    const [run] = await tx.insert(reconcileRuns).values({ startedBy: operator.email }).returning({ id: reconcileRuns.id });
    await recordAudit(tx, {
      actor: operator,
      action: "reconciliation.run",
      targetType: "reconciliation",
      targetId: `reconcile-run:${run!.id}`,
      reason,
    });
    return run!.id;
  });
  return { runId, report: await runRecorded(runId) };
}

/** The newest runs first. */
export async function listReconcileRuns(limit = 50): Promise<ReconcileRunView[]> {
  const rows = await getDb().select().from(reconcileRuns).orderBy(desc(reconcileRuns.startedAt), desc(reconcileRuns.id)).limit(limit);
  return rows.map(toView);
}

/** The most recent run, finished or not, for the console's overview. */
export async function latestReconcileRun(): Promise<ReconcileRunView | null> {
  const [run] = await listReconcileRuns(1);
  return run ?? null;
}
