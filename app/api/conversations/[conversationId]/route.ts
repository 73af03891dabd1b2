import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requireUserId } from "@/lib/auth/session";
import { ConversationNotFound, conversationPageQuery, getConversation } from "@/lib/chat/conversations";
import { handle } from "@/lib/http/route";

type Params = { params: Promise<{ conversationId: string }> };

export const GET = handle(async (req: NextRequest, { params }: Params) => {
  const userId = await requireUserId(req);
  const parsed = z.uuid().safeParse((await params).conversationId);
  // Not an id at all is as unknown as someone else's.
  if (!parsed.success) throw new ConversationNotFound();
  const query = conversationPageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getConversation(userId, parsed.data, query));
});
