import http from "node:http";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { grantFreeCredits } from "@/lib/credits/grants";
import { withSandboxDefaults } from "@/scripts/sandbox-env";
import { createUsers, inBatches, sessionCookie } from "./fixtures";
import { peakRssMb, percentile } from "./measure";
import type { BenchStack } from "./stack";


/**
 * Accounts with credits to chat with, and their session cookies. Granting reads
 * the app's configuration (the lots' validity), so the sandbox's values stand in
 * for this process only, and the environment later stacks start from is left as it was.
 */
async function chatters(count: number, secret: string): Promise<string[]> {
  const saved = { ...process.env };
  Object.assign(process.env, withSandboxDefaults({ ...process.env }));
  try {
    const users = await createUsers(count);
    await inBatches(users, 16, (userId) =>
      getDb().transaction((tx) => grantFreeCredits(tx, { userId, credits: 100_000, idempotencyKey: "bench-chat", kind: "paid" })),
    );
    return await Promise.all(users.map((u) => sessionCookie(u, secret)));
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

type Timing = { firstByteMs: number; totalMs: number; body: string; status: number };

/** One request; the time to its first body byte and to its end, from when it was sent. */
function timed(url: string, options: { method: string; headers: Record<string, string>; body?: string }, agent: http.Agent): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: options.method, headers: options.headers, agent }, (res) => {
      let firstByteMs = -1;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        body += chunk;
      });
      res.on("end", () => resolve({ firstByteMs, totalMs: performance.now() - started, body, status: res.statusCode ?? 0 }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const chatRequest = (cookie: string) => ({
  method: "POST",
  headers: { cookie, "content-type": "application/json", accept: "text/event-stream" },
  body: JSON.stringify({ message: "크레딧은 어떻게 사용하나요?", idempotencyKey: randomUUID() }),
});

export type ChatOverheadReport = { chat: { p50: number; p95: number }; trivial: { p50: number; p95: number }; failed: number };

/**
 * Time to first byte of a streamed premium answer, with the offline responder
 * answering at once (CHAT_OFFLINE_PIECE_DELAY_MS=0), against the trivial
 * route's latency, one request at a time and interleaved, so both see the same machine.
 */
export async function benchChatOverhead(stack: BenchStack, requests = 300): Promise<ChatOverheadReport> {
  const cookies = await chatters(50, stack.authSecret);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const chat: number[] = [];
  const trivial: number[] = [];
  let failed = 0;
  for (let i = 0; i < requests + 20; i++) {
    const t = await timed(`${stack.appUrl}/api/health/live`, { method: "GET", headers: {} }, agent);
    const c = await timed(`${stack.appUrl}/api/chat`, chatRequest(cookies[i % cookies.length]!), agent);
    if (c.status !== 200 || !c.body.includes("event: done")) failed++;
    // The first 20 of each warm the server's code paths and the database's plans.
    if (i < 20) continue;
    trivial.push(t.totalMs);
    chat.push(c.firstByteMs);
  }
  agent.destroy();
  return {
    chat: { p50: percentile(chat, 50), p95: percentile(chat, 95) },
    trivial: { p50: percentile(trivial, 50), p95: percentile(trivial, 95) },
    failed,
  };
}

export type HeldStreamsReport = { streams: number; completed: number; rssMb: number; longestMs: number };

/**
 * `streams` premium answers held open at once (a slow offline responder: a word
 * every CHAT_OFFLINE_PIECE_DELAY_MS), each from an account of its own; the app
 * server's peak resident memory over the run.
 */
export async function benchHeldStreams(stack: BenchStack, streams = 200): Promise<HeldStreamsReport> {
  const cookies = await chatters(streams, stack.authSecret);
  const agent = new http.Agent({ keepAlive: false, maxSockets: streams });
  const results = await Promise.all(cookies.map((cookie) => timed(`${stack.appUrl}/api/chat`, chatRequest(cookie), agent)));
  agent.destroy();
  return {
    streams,
    completed: results.filter((r) => r.status === 200 && r.body.includes("event: done")).length,
    rssMb: peakRssMb(stack.pids.app),
    longestMs: Math.max(...results.map((r) => r.totalMs)),
  };
}
