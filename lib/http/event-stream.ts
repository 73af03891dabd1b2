/** One server-sent event (`event:` and a JSON `data:` line). */
export type ServerSentEvent = { event: string; data: unknown };

const encoder = new TextEncoder();

export function encodeEvent(e: ServerSentEvent): Uint8Array {
  return encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
}

/**
 * A `text/event-stream` response fed by `produce`. When the client goes away
 * (the person stops, the tab closes) `onCancel` runs and later events are
 * dropped; `produce` is still awaited to its end, so whatever it settles, it settles.
 */
export function eventStreamResponse(
  produce: (emit: (e: ServerSentEvent) => void) => Promise<unknown>,
  onCancel: () => void,
  headers: Record<string, string> = {},
): Response {
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const emit = (e: ServerSentEvent) => {
        if (open) controller.enqueue(encodeEvent(e));
      };
      produce(emit)
        .catch((error: unknown) => {
          if (open) controller.error(error);
          open = false;
        })
        .finally(() => {
          if (open) controller.close();
          open = false;
        });
    },
    cancel() {
      open = false;
      onCancel();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: no compression layer may hold pieces back; X-Accel-Buffering: nor may nginx.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      ...headers,
    },
  });
}

/** Whether the client asked for server-sent events. */
export function wantsEventStream(req: Request): boolean {
  return (req.headers.get("accept") ?? "").split(",").some((t) => t.trim().split(";")[0] === "text/event-stream");
}
