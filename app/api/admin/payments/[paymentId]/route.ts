import { NextResponse, type NextRequest } from "next/server";
import { requireOperator } from "@/lib/admin/operators";
import { getPaymentDetail } from "@/lib/admin/payments";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  await requireOperator(req);
  const { paymentId } = await params;
  return NextResponse.json(await getPaymentDetail(paymentId));
});
