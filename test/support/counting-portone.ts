import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A PortOne in front of the sandbox that counts the app's reads of each payment
 * (`GET /payments/{paymentId}`) and can hold each read's answer back for a while:
 * the answer is PortOne's as of when the read arrived, delivered late, as over a
 * slow network. The app reaches it only where PORTONE_API_BASE_URL names it.
 */
export async function startCountingPortOne(upstreamUrl: string) {
  const upstream = new URL(upstreamUrl);
  const reads = new Map<string, number>();
  let holdReadsMs = 0;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://counting").pathname;
    const read = /^\/payments\/([^/]+)$/.exec(path);
    const paymentId = read && req.method === "GET" ? decodeURIComponent(read[1]!) : undefined;
    if (paymentId) reads.set(paymentId, (reads.get(paymentId) ?? 0) + 1);
    const hold = paymentId ? holdReadsMs : 0;
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () =>
          setTimeout(() => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          }, hold),
        );
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** How many times the app has read this payment from PortOne. */
    readsOf: (paymentId: string) => reads.get(paymentId) ?? 0,
    /** From now on, each read's answer is delivered this long after PortOne gave it. */
    holdReads(ms: number) {
      holdReadsMs = ms;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
