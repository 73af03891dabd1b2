import http from "node:http";
import type { LoadResult, LoadRequest } from "./load";

/**
 * Sends `count` requests at a steady `rate`, request i due at i/rate seconds,
 * whether or not earlier ones have answered (an open loop, as real traffic
 * arrives). Each latency runs from when the request was due, not from when a
 * socket was free, so a slow server cannot hide its queue (no coordinated
 * omission). autocannon's rate mode sends each second's quota in one burst at
 * the top of the second, which measures the burst's queue instead.
 */
export async function paced(options: { url: string; rate: number; count: number; next: () => LoadRequest }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const send = (request: LoadRequest, due: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        new URL(request.path, options.url),
        { method: request.method ?? "GET", headers: request.headers, agent },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(performance.now() - due);
            else non2xx++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(request.body);
    });

  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < options.count; i++) {
    const due = start + (1000 * i) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(options.next(), due));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), sent: options.count, non2xx, errors };
}
