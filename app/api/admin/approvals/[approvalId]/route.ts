import { NextResponse, type NextRequest } from "next/server";
import { decideApproval, decisionSchema } from "@/lib/admin/approval-decisions";
import { requireOperator } from "@/lib/admin/operators";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest, { params }: { params: Promise<{ approvalId: string }> }) => {
  const operator = await requireOperator(req);
  const { approvalId } = await params;
  const decision = await parseJsonBody(req, decisionSchema);
  return NextResponse.json(await decideApproval(operator, approvalId, decision));
});
