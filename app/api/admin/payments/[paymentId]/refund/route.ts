import { NextResponse, type NextRequest } from "next/server";
import { refundOrAskApproval } from "@/lib/admin/approvals";
import { requireOperator } from "@/lib/admin/operators";
import { operatorRefundSchema } from "@/lib/admin/payments-refund";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const operator = await requireOperator(req);
  const { paymentId } = await params;
  const body = await parseJsonBody(req, operatorRefundSchema);
  const { status, body: answer } = await refundOrAskApproval(operator, paymentId, body);
  return NextResponse.json(answer, { status });
});
