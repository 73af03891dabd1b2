import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { findOwnPaymentView } from "@/lib/payments/queries";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest, { params }: { params: Promise<{ paymentId: string }> }) => {
  const userId = await requireUserId(req);
  const { paymentId } = await params;
  return NextResponse.json(await findOwnPaymentView(userId, paymentId));
});
