import { NextResponse, type NextRequest } from "next/server";
import { autoTopUpUpdateSchema, getAutoTopUp, updateAutoTopUp } from "@/lib/auto-topup/settings";
import { requireUserId } from "@/lib/auth/session";
import { handle, parseJsonBody } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  return NextResponse.json(await getAutoTopUp(userId));
});

export const PUT = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  const update = await parseJsonBody(req, autoTopUpUpdateSchema);
  return NextResponse.json(await updateAutoTopUp(userId, update));
});
