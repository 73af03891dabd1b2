import { NextResponse, type NextRequest } from "next/server";
import { topUpAfterSpend } from "@/lib/auto-topup/after-spend";
import { requireUserId } from "@/lib/auth/session";
import { chatRequestSchema, sendPremiumMessage } from "@/lib/chat/premium-chat";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { afterResponse } from "@/lib/http/after-response";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.chatMessages, userId);
  const { message, idempotencyKey } = await parseJsonBody(req, chatRequestSchema);
  const answer = await sendPremiumMessage({ userId, message, idempotencyKey });
  await topUpAfterSpend(userId, afterResponse);
  return NextResponse.json(answer);
});
