import { EventSourceParserStream } from "eventsource-parser/stream";
import { ApiError, type ProblemBody } from "@/lib/http/client";

/** The end of a streamed answer, as contract.md's `done` and `error` events carry it. */
export type ChatStreamEnd =
  | { kind: "done"; creditsSpent: number; balance: number; conversationId: string; messageId: string | null }
  | { kind: "error"; code: string; creditsSpent: number; balance: number }
  /** The person stopped it; the server keeps what arrived (charged once text had come). */
  | { kind: "stopped" };

/**
 * Browser side of POST /api/chat as server-sent events: calls `onText` with
 * each piece as it arrives and resolves with how the answer ended. A refusal
 * before any event (401, 402, 404, 429, 400) throws an ApiError, as callApi does.
 * `onConversation` learns the conversation's id as soon as the answer starts.
 */
export async function streamChat(
  body: { message: string; idempotencyKey: string; conversationId?: string },
  handlers: { onText: (text: string) => void; onConversation: (id: string) => void },
  signal: AbortSignal,
): Promise<ChatStreamEnd> {
  let res: Response;
  try {
    res = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
      cache: "no-store",
      signal,
    });
  } catch (error) {
    if (signal.aborted) return { kind: "stopped" };
    throw error;
  }
  if (!res.ok || !res.body) {
    const text = await res.text();
    throw new ApiError(res.status, (text ? JSON.parse(text) : {}) as ProblemBody);
  }
  const conversationId = res.headers.get("x-conversation-id");
  if (conversationId) handlers.onConversation(conversationId);
  const events = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await events.read();
      if (done) break;
      const data = JSON.parse(value.data) as Record<string, unknown>;
      if (value.event === "delta") handlers.onText(String(data.text ?? ""));
      else if (value.event === "done") return { kind: "done", ...(data as Omit<Extract<ChatStreamEnd, { kind: "done" }>, "kind">) };
      else if (value.event === "error") return { kind: "error", ...(data as Omit<Extract<ChatStreamEnd, { kind: "error" }>, "kind">) };
    }
  } catch (error) {
    if (signal.aborted) return { kind: "stopped" };
    throw error;
  }
  if (signal.aborted) return { kind: "stopped" };
  throw new Error("the answer's stream ended without its last event");
}
