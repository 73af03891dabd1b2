import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; sent: number; non2xx: number; errors: number };

export type LoadRequest = { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/**
 * Drives one HTTP load at saturation with autocannon: each connection sends its
 * next request as soon as the last is answered. `next` builds each request, so
 * every request can differ. (A fixed rate is paced.ts's job.)
 */
export async function load(options: {
  url: string;
  connections: number;
  durationSeconds?: number;
  amount?: number;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds ?? 10,
    amount: options.amount,
    requests: [
      {
        setupRequest: (request) => {
          const next = options.next();
          return { ...request, method: next.method ?? "GET", path: next.path, headers: next.headers ?? {}, body: next.body };
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
