import http from "node:http";
import { randomInt } from "node:crypto";
import { paced } from "./paced";
import type { LoadResult } from "./load";

export type FloodResult = { signinPage: LoadResult; attempts: number; answered: Record<number, number> };

function post(url: URL, headers: Record<string, string>, body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/**
 * `concurrency` wrong-password sign-ins kept in flight for `seconds`, each from
 * an address of its own (as a distributed guesser would, so no per-address limit
 * stops them and every one costs a password hash), while a visitor loads
 * /signin at a steady pace: how long that visitor waits is the figure.
 */
export async function signInFlood(appUrl: string, options: { concurrency: number; seconds: number }): Promise<FloodResult> {
  // A fresh server renders its first pages slowly: warm the page up first, as traffic would have.
  for (let i = 0; i < 10; i++) await (await fetch(`${appUrl}/signin`)).text();
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const target = new URL("/api/auth/callback/credentials", appUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const answered: Record<number, number> = {};
  let attempts = 0;
  const until = Date.now() + options.seconds * 1000;

  const guesser = async () => {
    while (Date.now() < until) {
      attempts++;
      const body = new URLSearchParams({ email: `victim-${randomInt(1000)}@example.com`, password: `guess-${randomInt(1e9)}`, csrfToken, json: "true" });
      const status = await post(
        target,
        {
          "content-type": "application/x-www-form-urlencoded",
          cookie,
          "x-forwarded-for": `198.51.${randomInt(256)}.${randomInt(1, 255)}`,
        },
        body.toString(),
        agent,
      );
      answered[status] = (answered[status] ?? 0) + 1;
    }
  };
  const flood = Promise.all(Array.from({ length: options.concurrency }, guesser));
  // Let the flood build up before the visitor comes.
  await new Promise((r) => setTimeout(r, 1000));
  const rate = 5;
  const signinPage = await paced({ url: appUrl, rate, count: rate * (options.seconds - 2), next: () => ({ path: "/signin", headers: { "accept-encoding": "gzip" } }) });
  await flood;
  agent.destroy();
  return { signinPage, attempts, answered };
}
