import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { reasonSchema } from "@/lib/admin/audit";
import { runLedgerCheck } from "@/lib/admin/ledger-checks";
import { requireOperator } from "@/lib/admin/operators";
import { handle, parseJsonBody } from "@/lib/http/route";

const body = z.object({ reason: reasonSchema });

/** Checks the ledger now, on an operator's word; the answer lists the problems found (none when all is well). */
export const POST = handle(async (req: NextRequest) => {
  const operator = await requireOperator(req);
  const { reason } = await parseJsonBody(req, body);
  const { id, problems } = await runLedgerCheck({ operator, reason });
  return NextResponse.json({ checkId: id, problems });
});
