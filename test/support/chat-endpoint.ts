import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible chat completions server for tests: it answers,
 * fails with a 500, or never answers, as the test asks. `beforeAnswer` runs
 * while the request waits for its answer, for what happens in the meantime.
 */
export async function startChatEndpoint(
  behaviour: "answer" | "fail" | "hang",
  options: { beforeAnswer?: () => Promise<unknown> } = {},
) {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      if (behaviour === "hang") return;
      await options.beforeAnswer?.();
      if (behaviour === "fail") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "model overloaded", type: "server_error" } }));
        return;
      }
      const { messages } = JSON.parse(body) as { messages: Array<{ content: string }> };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-test",
          object: "chat.completion",
          created: 0,
          model: "test-model",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: `echo: ${messages.at(-1)!.content}` } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
