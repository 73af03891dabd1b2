import { NextResponse, type NextRequest } from "next/server";
import { requireOperator } from "@/lib/admin/operators";
import { operatorRefundSchema, refundAsOperator } from "@/lib/admin/payments-refund";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const operator = await requireOperator(req);
  const { paymentId } = await params;
  const body = await parseJsonBody(req, operatorRefundSchema);
  return NextResponse.json(await refundAsOperator(operator, paymentId, body));
});
