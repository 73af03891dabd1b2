import { NextResponse } from "next/server";
import { topUpAfterSpend } from "@/lib/auto-topup/after-spend";
import { afterResponse } from "@/lib/http/after-response";
import { eventStreamResponse, wantsEventStream } from "@/lib/http/event-stream";
import { answerAsJson, startPremiumAnswer, type ChatRequest } from "./premium-chat";

/**
 * POST /api/chat's answer: server-sent events when the client asks for them,
 * else the JSON form. Refusals (404, 402) are thrown before either starts. A
 * charged answer is followed by the auto top-up check, as every spend is.
 */
export async function respondToChat(
  req: Request,
  userId: string,
  body: ChatRequest,
  options: Parameters<typeof startPremiumAnswer>[1] = {},
): Promise<Response> {
  const answer = await startPremiumAnswer({ userId, ...body }, options);
  if (!wantsEventStream(req)) {
    const json = await answerAsJson(answer);
    await topUpAfterSpend(userId, afterResponse);
    return NextResponse.json(json);
  }
  return eventStreamResponse(
    async (emit) => {
      const last = await answer.run(emit);
      if (last.event === "done") await topUpAfterSpend(userId, afterResponse);
    },
    () => answer.stop(),
    answer.conversationId ? { "x-conversation-id": answer.conversationId } : {},
  );
}
