import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { POST as receiveWebhook } from "@/app/api/webhooks/portone/route";

/**
 * Serves the real webhook route handler over HTTP, so the sandbox can deliver
 * to it during integration tests without a Next server. (The browser tests
 * deliver through `next start`.)
 */
export async function startWebhookEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const response = await receiveWebhook(
      new NextRequest(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/portone`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
