import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A PortOne that is behind: it passes every call through to the sandbox, except
 * that `GET /payments/{paymentId}` for a payment given an earlier snapshot
 * answers that snapshot, as a lagging replica or a stale cache of PortOne's would.
 * The app reaches it only where PORTONE_API_BASE_URL names it.
 */
export async function startLaggingPortOne(upstreamUrl: string) {
  const upstream = new URL(upstreamUrl);
  const earlier = new Map<string, unknown>();
  const staleReads = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://lagging").pathname;
    const read = /^\/payments\/([^/]+)$/.exec(path);
    const paymentId = read && req.method === "GET" ? decodeURIComponent(read[1]!) : undefined;
    if (paymentId && earlier.has(paymentId)) {
      staleReads.set(paymentId, (staleReads.get(paymentId) ?? 0) + 1);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(earlier.get(paymentId)));
      return;
    }
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** From now on, reads of this payment answer `snapshot` (a Payment as PortOne once returned it). */
    serveEarlier(paymentId: string, snapshot: unknown) {
      earlier.set(paymentId, snapshot);
    },
    /** How many reads of this payment got the earlier snapshot. */
    staleReadsOf: (paymentId: string) => staleReads.get(paymentId) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
