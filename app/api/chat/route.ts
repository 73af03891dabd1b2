import type { NextRequest } from "next/server";
import { requireUserId } from "@/lib/auth/session";
import { respondToChat } from "@/lib/chat/chat-response";
import { chatRequestSchema } from "@/lib/chat/premium-chat";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/http/rate-limit";
import { handle, parseJsonBody } from "@/lib/http/route";

export const POST = handle(async (req: NextRequest) => {
  const userId = await requireUserId(req);
  await consumeRateLimit(RATE_LIMITS.chatMessages, userId);
  return respondToChat(req, userId, await parseJsonBody(req, chatRequestSchema));
});
