import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { reasonSchema } from "@/lib/admin/audit";
import { requireOperator } from "@/lib/admin/operators";
import { runReconciliationAsOperator } from "@/lib/admin/reconcile-runs";
import { handle, parseJsonBody } from "@/lib/http/route";

const body = z.object({ reason: reasonSchema });

/** Reconciles now, on an operator's word; the answer is the run's report. */
export const POST = handle(async (req: NextRequest) => {
  const operator = await requireOperator(req);
  const { reason } = await parseJsonBody(req, body);
  const { runId, report } = await runReconciliationAsOperator(operator, reason);
  return NextResponse.json({ runId, ...report });
});
