import { NextResponse, type NextRequest } from "next/server";
import { adjustmentSchema } from "@/lib/admin/adjustments";
import { adjustOrAskApproval } from "@/lib/admin/approvals";
import { requireOperator } from "@/lib/admin/operators";
import { handle, parseJsonBody } from "@/lib/http/route";

type Context = { params: Promise<{ userId: string }> };

export const POST = handle(async (req: NextRequest, { params }: Context) => {
  const operator = await requireOperator(req);
  const { userId } = await params;
  const adjustment = await parseJsonBody(req, adjustmentSchema);
  const { status, body } = await adjustOrAskApproval(operator, userId, adjustment);
  return NextResponse.json(body, { status });
});
