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
  | "stall"
  /** Streams an essay of 2,000 words, a word a token: cut at the request's max_tokens with finish_reason "length". */
  | "essay";

const ESSAY_WORDS = 2_000;

/**
 * A local OpenAI-compatible chat completions server for tests, streaming as the
 * real API does (`stream: true`: `data: {chunk}` lines, then `data: [DONE]`).
 * `beforeAnswer` runs while the request waits for its answer, for what happens
 * in the meantime; `requests` keeps each request's messages, `bodies` each whole request.
 */
export async function startChatEndpoint(behaviour: EndpointBehaviour, options: { beforeAnswer?: () => Promise<unknown> } = {}) {
  const requests: Array<Array<{ role: string; content: string }>> = [];
  const bodies: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      const request = JSON.parse(body) as { messages: Array<{ role: string; content: string }>; max_tokens?: number };
      const { messages } = request;
      requests.push(messages);
      bodies.push(request);
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
      if (behaviour === "essay") {
        const length = Math.min(ESSAY_WORDS, request.max_tokens ?? ESSAY_WORDS);
        for (let i = 0; i < length; i++) res.write(chunk({ content: `word${i} ` }));
        res.write(chunk({}, length < ESSAY_WORDS ? "length" : "stop"));
        res.end("data: [DONE]\n\n");
        return;
      }
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
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
