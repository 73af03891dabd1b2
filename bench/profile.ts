/**
 * `npm run bench:profile -- webhook|complete`: a CPU profile of the production
 * server under one of the benchmark's loads, and the functions that take the most
 * of it. The .cpuprofile lands in bench/results/ (open it in Chrome DevTools).
 */
import fs from "node:fs";
import path from "node:path";
import { createUsers, paidOrders, sessionCookie, signedPaidWebhook } from "./fixtures";
import { load } from "./load";
import { startBenchStack } from "./stack";

const mode = process.argv[2];
if (mode !== "webhook" && mode !== "complete") {
  console.error("usage: npm run bench:profile -- webhook|complete   (after npm run build)");
  process.exit(2);
}
const outDir = path.resolve(import.meta.dirname, "results/profile");
fs.rmSync(outDir, { recursive: true, force: true });

const stack = await startBenchStack(["--cpu-prof", `--cpu-prof-dir=${outDir}`]);
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
    for (const o of orders.slice(0, 400)) cookies.set(o.userId, await sessionCookie(o.userId, stack.authSecret));
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
  await stack.close();
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
