import { NextResponse, type NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/conversations";
import { handle } from "@/lib/http/route";

export const GET = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  return NextResponse.json({ items: await listConversations(userId) });
});
