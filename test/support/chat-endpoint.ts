import http from "node:http";
import type { AddressInfo } from "node:net";

export type EndpointBehaviour =
  /** Streams `echo: <question>` a word at a time, then finishes. */
  | "answer"
  /** Answers 500 before any text. */
  | "fail"
  /** Never answers. */
  | "hang"
  /** Streams the first words, then drops the connection mid-answer. */
  | "cut-off"
  /** Streams the first words, then goes quiet for good. */
  | "stall";

/**
 * A local OpenAI-compatible chat completions server for tests, streaming as the
 * real API does (`stream: true`: `data: {chunk}` lines, then `data: [DONE]`).
 * `beforeAnswer` runs while the request waits for its answer, for what happens
 * in the meantime; `requests` keeps each request's messages.
 */
export async function startChatEndpoint(behaviour: EndpointBehaviour, options: { beforeAnswer?: () => Promise<unknown> } = {}) {
  const requests: Array<Array<{ role: string; content: string }>> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      const { messages } = JSON.parse(body) as { messages: Array<{ role: string; content: string }> };
      requests.push(messages);
      if (behaviour === "hang") return;
      await options.beforeAnswer?.();
      if (behaviour === "fail") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "model overloaded", type: "server_error" } }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model: "test-model", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      const words = `echo: ${messages.at(-1)!.content}`.match(/\s*\S+\s*/g)!;
      res.write(chunk({ role: "assistant", content: "" }));
      const sent = behaviour === "answer" ? words : words.slice(0, 1);
      for (const word of sent) {
        res.write(chunk({ content: word }));
        await new Promise((r) => setTimeout(r, 5));
      }
      if (behaviour === "cut-off") {
        res.destroy();
        return;
      }
      if (behaviour === "stall") return;
      res.write(chunk({}, "stop"));
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
