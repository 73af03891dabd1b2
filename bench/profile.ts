/**
 * `npm run bench:profile -- webhook|complete`: a CPU profile of the production
 * server under one of the benchmark's loads, and the functions that take the most
 * of it. The .cpuprofile lands in bench/results/ (open it in Chrome DevTools).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/db/client";
import { createScratchDatabase } from "@/db/scratch";
import { freePort } from "@/scripts/processes";
import { startStack } from "@/scripts/stack";
import { createUsers, paidOrders, sessionCookie, signedPaidWebhook } from "./fixtures";
import { load } from "./load";

const mode = process.argv[2];
if (mode !== "webhook" && mode !== "complete") {
  console.error("usage: npm run bench:profile -- webhook|complete   (after npm run build)");
  process.exit(2);
}
const outDir = path.resolve(import.meta.dirname, "results/profile");
fs.rmSync(outDir, { recursive: true, force: true });

const database = await createScratchDatabase(process.env.BENCH_DATABASE_URL);
process.env.DATABASE_URL = database.url;
const [appPort, sandboxPort] = [await freePort(), await freePort()];
const authSecret = randomBytes(32).toString("base64url");
const stack = await startStack({
  nextCommand: "start",
  databaseUrl: database.url,
  quiet: true,
  nextNodeArgs: ["--cpu-prof", `--cpu-prof-dir=${outDir}`],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(appPort),
    APP_URL: `http://127.0.0.1:${appPort}`,
    AUTH_SECRET: authSecret,
    PORTONE_MODE: "sandbox",
    PORTONE_SANDBOX_PORT: String(sandboxPort),
    PORTONE_SANDBOX_WEBHOOK_URL: "http://127.0.0.1:9/",
    PORTONE_SANDBOX_RETRY_DELAYS_MS: "0",
  },
});
try {
  const users = await createUsers(100);
  const orders = await paidOrders(stack.sandboxUrl!, users, 2000);
  let i = 0;
  const webhooks = () => load({ url: stack.appUrl, connections: 32, amount: orders.length, next: () => signedPaidWebhook(orders[i++]!.paymentId) });
  if (mode === "webhook") {
    console.log(await webhooks());
  } else {
    await webhooks();
    const cookies = new Map<string, string>();
    for (const o of orders.slice(0, 400)) cookies.set(o.userId, await sessionCookie(o.userId, authSecret));
    let k = 0;
    console.log(
      await load({
        url: stack.appUrl,
        connections: 32,
        durationSeconds: 8,
        next: () => {
          const o = orders[k++ % 400]!;
          return { method: "POST", path: `/api/payments/${o.paymentId}/complete`, headers: { cookie: cookies.get(o.userId)! } };
        },
      }),
    );
  }
} finally {
  await closeDb();
  await stack.stop();
  await database.drop();
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
const [file] = fs.readdirSync(outDir).filter((f) => f.endsWith(".cpuprofile"));
const profile = JSON.parse(fs.readFileSync(path.join(outDir, file!), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byPackage = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const { url, functionName } = nodes.get(id)!.callFrame;
  const where = url.includes("/node_modules/")
    ? url.split("/node_modules/").at(-1)!.split("/").slice(0, url.includes("/node_modules/@") ? 2 : 1).join("/")
    : url.includes("/.next/")
      ? "our code (.next build)"
      : url || `(${functionName || "native"})`;
  const dt = profile.timeDeltas[index] ?? 0;
  byPackage.set(where, (byPackage.get(where) ?? 0) + dt);
  total += dt;
});
console.log(`\nself time by package (${path.join(outDir, file!)}):`);
for (const [where, t] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)} %  ${where}`);
}
