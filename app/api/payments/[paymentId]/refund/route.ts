import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle, parseOptionalJsonBody } from "@/lib/http/route";
import { refundPayment, refundRequestSchema } from "@/lib/payments/refund";

export const POST = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.refunds, userId);
  const { paymentId } = await params;
  const request = await parseOptionalJsonBody(req, refundRequestSchema);
  return NextResponse.json(await refundPayment(userId, paymentId, request));
});
