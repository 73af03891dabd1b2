import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle, parseJsonBody } from "@/lib/http/route";
import { createOrder, createOrderSchema } from "@/lib/payments/orders";
import { listOwnPayments } from "@/lib/payments/queries";

export const GET = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  return NextResponse.json(await listOwnPayments(userId));
});

export const POST = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.orders, userId);
  const { packId, payMethod, easyPayProvider } = await parseJsonBody(req, createOrderSchema);
  return NextResponse.json(await createOrder(userId, packId, { payMethod, easyPayProvider }), { status: 201 });
});
