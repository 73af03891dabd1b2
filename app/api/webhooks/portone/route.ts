import { NextResponse } from "next/server";
import { readTextWithLimit } from "@/lib/http/body";
import { Problem, toProblemResponse } from "@/lib/http/problem";
import { withRequestId } from "@/lib/http/request-id";
import { log } from "@/lib/log";
import { receivePortOneWebhook, WEBHOOK_BODY_LIMIT } from "@/lib/payments/webhook";

export const POST = withRequestId(async (req: Request) => {
  try {
    const rawBody = await readTextWithLimit(req, WEBHOOK_BODY_LIMIT);
    const receipt = await receivePortOneWebhook(rawBody, Object.fromEntries(req.headers));
    return NextResponse.json(receipt);
  } catch (error) {
    // Anything but a refused delivery is transient here (PortOne or the database): 5xx, so PortOne retries.
    if (error instanceof Problem && error.status < 500) return toProblemResponse(error);
    log.warn({ err: error }, "webhook not processed; PortOne will retry");
    return toProblemResponse(
      new Problem(503, "WEBHOOK_NOT_PROCESSED", "Not processed, retry later", error instanceof Problem ? error.detail : undefined),
    );
  }
});
