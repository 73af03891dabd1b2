import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle } from "@/lib/http/route";
import { completePayment } from "@/lib/payments/complete";

export const POST = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.completes, userId);
  const { paymentId } = await params;
  return NextResponse.json(await completePayment(userId, paymentId));
});
