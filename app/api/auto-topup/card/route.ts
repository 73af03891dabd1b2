import { NextResponse, type NextRequest } from "next/server";
import { registerCard, registerCardSchema, removeCard } from "@/lib/auto-topup/card";
import { requireUserId } from "@/lib/auth/session";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.cardRegistrations, userId);
  const { billingKey } = await parseJsonBody(req, registerCardSchema);
  return NextResponse.json(await registerCard(userId, billingKey));
});

export const DELETE = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  return NextResponse.json(await removeCard(userId));
});
