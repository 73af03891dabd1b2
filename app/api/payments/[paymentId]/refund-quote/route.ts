import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { handle } from "@/lib/http/route";
import { getRefundQuote } from "@/lib/payments/refund";

export const GET = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const userId = await requireUserId(req);
  const { paymentId } = await params;
  return NextResponse.json({ paymentId, ...(await getRefundQuote(userId, paymentId)) });
});
