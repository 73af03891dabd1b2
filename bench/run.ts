/**
 * `npm run bench`: how fast and how lean the money paths are, each figure beside
 * the baseline it is judged against, measured in the same run on this machine.
 * Prints one markdown table and writes it to bench/results/latest.md. Exits
 * non-zero only when something failed to run, never for a missed target.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkLedger } from "@/lib/credits/check";
import { createUsers, paidOrders, sessionCookie, signedPaidWebhook } from "./fixtures";
import { load } from "./load";
import { paced } from "./paced";
import { cpuSeconds, firstLoadJsKb, peakRssMb } from "./measure";
import { signInFlood } from "./signin-flood";
import { benchAdminSearch, SEARCH_LEDGER_ROWS, SEARCH_PAYMENTS } from "./admin-search";
import { benchSpending, CLIENTS } from "./spend";
import { benchTopUpLatency } from "./auto-topup";
import { benchChatOverhead, benchHeldStreams } from "./chat";
import { startBenchStack } from "./stack";

type Row = { measure: string; value: string; baseline: string; ratio: string; target: string; met: string };

const root = path.resolve(import.meta.dirname, "..");
const rows: Row[] = [];
const problems: string[] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (a: number, b: number) => `${fmt((100 * a) / b)} %`;
const verdict = (ok: boolean) => (ok ? "yes" : "**no**");
const CONNECTIONS = 32;

function buildApp(): void {
  console.log("building the app (next build)…");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

async function benchHttp(): Promise<void> {
  const stack = await startBenchStack();
  const { authSecret, databaseLabel: where } = stack;
  try {
    const url = stack.appUrl;
    console.log(`trivial route at saturation (${CONNECTIONS} connections)…`);
    const trivialCpuBefore = cpuSeconds(stack.pids.app);
    const trivial = await load({ url, connections: CONNECTIONS, durationSeconds: 8, next: () => ({ path: "/api/health/live" }) });
    const trivialCpuMs = (1000 * (cpuSeconds(stack.pids.app) - trivialCpuBefore)) / trivial.sent;

    const users = await createUsers(200);
    console.log("webhooks at saturation…");
    const saturationOrders = await paidOrders(stack.sandboxUrl!, users, 3000);
    let i = 0;
    const cpuBefore = { app: cpuSeconds(stack.pids.app), sandbox: cpuSeconds(stack.pids.sandbox!) };
    const webhooks = await load({
      url,
      connections: CONNECTIONS,
      amount: saturationOrders.length,
      next: () => signedPaidWebhook(saturationOrders[i++ % saturationOrders.length]!.paymentId),
    });
    const cpuDuring = {
      app: cpuSeconds(stack.pids.app) - cpuBefore.app,
      sandbox: cpuSeconds(stack.pids.sandbox!) - cpuBefore.sandbox,
    };
    const halfRate = Math.max(1, Math.floor(webhooks.rps / 2));
    console.log(`webhooks at half load (${halfRate}/s)…`);
    const halfOrders = await paidOrders(stack.sandboxUrl!, users, Math.min(3000, halfRate * 8));
    let j = 0;
    const half = await paced({
      url,
      rate: halfRate,
      count: halfOrders.length,
      next: () => signedPaidWebhook(halfOrders[j++ % halfOrders.length]!.paymentId),
    });

    console.log("complete on credited payments at saturation…");
    const owners = new Map<string, string>();
    for (const o of saturationOrders.slice(0, 400)) owners.set(o.userId, await sessionCookie(o.userId, authSecret));
    const credited = saturationOrders.slice(0, 400);
    let k = 0;
    const complete = await load({
      url,
      connections: CONNECTIONS,
      durationSeconds: 8,
      next: () => {
        const o = credited[k++ % credited.length]!;
        return { method: "POST", path: `/api/payments/${o.paymentId}/complete`, headers: { cookie: owners.get(o.userId)! } };
      },
    });
    const js = await firstLoadJsKb(`${url}/credits`, owners.values().next().value!);
    const appRss = peakRssMb(stack.pids.app);
    const sandboxRss = stack.pids.sandbox ? peakRssMb(stack.pids.sandbox) : 0;
    const ledgerProblems = await checkLedger();

    const failures = webhooks.non2xx + half.non2xx + complete.non2xx + webhooks.errors + half.errors + complete.errors;
    if (failures > 0) problems.push(`${failures} HTTP requests failed during the load runs`);
    rows.push(
      {
        measure: `Webhook ingestion, req/s at saturation (${where})`,
        value: fmt(webhooks.rps),
        baseline: `${fmt(trivial.rps)} (trivial route)`,
        ratio: pct(webhooks.rps, trivial.rps),
        target: "≥ 25 %",
        met: verdict(webhooks.rps >= 0.25 * trivial.rps),
      },
      {
        measure: "CPU per webhook at saturation: app / PortOne sandbox",
        value: `${fmt((1000 * cpuDuring.app) / saturationOrders.length, 2)} / ${fmt((1000 * cpuDuring.sandbox) / saturationOrders.length, 2)} ms`,
        baseline: `${fmt(trivialCpuMs, 2)} ms (app, trivial route)`,
        ratio: "",
        target: "",
        met: "",
      },
      {
        measure: `Webhook latency at half load (${fmt(halfRate)}/s), p50 / p99`,
        value: `${fmt(half.p50)} / ${fmt(half.p99)} ms`,
        baseline: "",
        ratio: "",
        target: "p99 < 100 ms",
        met: verdict(half.p99 < 100),
      },
      {
        measure: `Complete on credited payments, req/s (${where})`,
        value: fmt(complete.rps),
        baseline: `${fmt(trivial.rps)} (trivial route)`,
        ratio: pct(complete.rps, trivial.rps),
        target: "≥ 40 %",
        met: verdict(complete.rps >= 0.4 * trivial.rps),
      },
      { measure: "Peak RSS, app server (during the runs above)", value: `${fmt(appRss)} MB`, baseline: "", ratio: "", target: "< 400 MB", met: verdict(appRss < 400) },
      { measure: "Peak RSS, PortOne sandbox", value: `${fmt(sandboxRss)} MB`, baseline: "", ratio: "", target: "", met: "" },
      { measure: "First-load JS of /credits, gzipped", value: `${fmt(js, 1)} kB`, baseline: "", ratio: "", target: "< 150 kB", met: verdict(js < 150) },
      {
        measure: "Ledger check after the load runs",
        value: ledgerProblems.length === 0 ? "clean" : `${ledgerProblems.length} problems`,
        baseline: "",
        ratio: "",
        target: "clean",
        met: verdict(ledgerProblems.length === 0),
      },
    );
  } finally {
    await stack.close();
  }
}

/** On a server of its own, so its peak memory is the flood's, not the load runs' before it. */
async function benchSignInFlood(): Promise<void> {
  const stack = await startBenchStack();
  try {
    console.log("40 concurrent wrong-password sign-ins while a visitor loads /signin…");
    const flood = await signInFlood(stack.appUrl, { concurrency: 40, seconds: 12 });
    const rss = peakRssMb(stack.pids.app);
    rows.push({
      measure: "40 concurrent wrong-password sign-ins: /signin p99 / peak RSS of a fresh app server",
      value: `${fmt(flood.signinPage.p99)} ms / ${fmt(rss)} MB`,
      baseline: `sign-ins answered: ${Object.entries(flood.answered).map(([status, n]) => `${fmt(n)} × ${status}`).join(", ")}`,
      ratio: "",
      target: "p99 < 1 s, RSS < 500 MB",
      met: verdict(flood.signinPage.p99 < 1000 && rss < 500 && flood.signinPage.non2xx + flood.signinPage.errors === 0),
    });
  } finally {
    await stack.close();
  }
}

async function benchSpend(label: string, serverUrl: string | undefined, operations: number): Promise<void> {
  console.log(`spending on ${label}…`);
  const report = await benchSpending(serverUrl, operations);
  for (const row of report.rows) {
    rows.push({
      measure: `Spend with lots, ${row.accounts === 1 ? "one hot account" : "1,000 accounts"}, ${CLIENTS} clients, ops/s (${label}; ${fmt(row.crossingDraws)} spends drew from two lots)`,
      value: fmt(row.spendPerSecond),
      baseline: `${fmt(row.barePerSecond)} (bare UPDATE users … WHERE credit_balance >= n)`,
      ratio: pct(row.spendPerSecond, row.barePerSecond),
      target: "≥ 45 %",
      met: verdict(row.spendPerSecond >= 0.45 * row.barePerSecond),
    });
  }
  rows.push({ measure: `Ledger check after spending (${label})`, value: report.ledgerClean ? "clean" : "NOT clean", baseline: "", ratio: "", target: "clean", met: verdict(report.ledgerClean) });
}

/** Each on a server of its own: the first with answers at once, the second with answers that take seconds. */
async function benchChat(): Promise<void> {
  const instant = await startBenchStack([], { CHAT_OFFLINE_PIECE_DELAY_MS: "0", RATE_LIMIT_SCALE: "0" });
  try {
    console.log("chat: time to first byte against the trivial route…");
    const r = await benchChatOverhead(instant);
    if (r.failed > 0) problems.push(`${r.failed} chat requests failed during the overhead run`);
    const overhead = r.chat.p95 - r.trivial.p95;
    rows.push({
      measure: `Chat overhead: time to first byte, offline responder answering at once, p50 / p95 (${instant.databaseLabel})`,
      value: `${fmt(r.chat.p50, 1)} / ${fmt(r.chat.p95, 1)} ms`,
      baseline: `trivial route p50 / p95 ${fmt(r.trivial.p50, 1)} / ${fmt(r.trivial.p95, 1)} ms`,
      ratio: `+${fmt(overhead, 1)} ms at p95`,
      target: "p95 < trivial + 30 ms",
      met: verdict(overhead < 30),
    });
  } finally {
    await instant.close();
  }
  const slow = await startBenchStack([], { CHAT_OFFLINE_PIECE_DELAY_MS: "150", RATE_LIMIT_SCALE: "0" });
  try {
    console.log("chat: 200 streams held open at once…");
    const r = await benchHeldStreams(slow, 200);
    if (r.completed < r.streams) problems.push(`${r.streams - r.completed} of ${r.streams} held streams did not complete`);
    rows.push({
      measure: `Concurrent chat streams held open: ${fmt(r.streams)} at once, peak RSS of the app server (${slow.databaseLabel})`,
      value: `${fmt(r.rssMb)} MB`,
      baseline: `${fmt(r.completed)} completed, the longest in ${fmt(r.longestMs / 1000, 1)} s`,
      ratio: "",
      target: "< 500 MB",
      met: verdict(r.rssMb < 500 && r.completed === r.streams),
    });
  } finally {
    await slow.close();
  }
}

async function benchTopUp(label: string, serverUrl: string | undefined): Promise<void> {
  console.log(`auto top-up on the spender's request, ${label}…`);
  const r = await benchTopUpLatency(serverUrl);
  const added = r.triggeringP95 - r.plainP95;
  rows.push({
    measure: `Spend that triggers a top-up: added latency on the spender's request, p95 (${label}; ${fmt(r.recorded)} top-ups recorded)`,
    value: `${fmt(added, 2)} ms (p50 ${fmt(r.triggeringP50, 2)} / p95 ${fmt(r.triggeringP95, 2)} ms)`,
    baseline: `a spend that does not: p50 ${fmt(r.plainP50, 2)} / p95 ${fmt(r.plainP95, 2)} ms`,
    ratio: "",
    target: "< 5 ms",
    met: verdict(added < 5),
  });
}

async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    problems.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const started = Date.now();
buildApp();
await step("HTTP benchmarks", benchHttp);
await step("sign-in flood", benchSignInFlood);
await step("chat", benchChat);
const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) await step("spending on PostgreSQL", () => benchSpend("PostgreSQL", pgUrl, 4000));
else rows.push({ measure: "Spend with lots on PostgreSQL", value: "skipped: set BENCH_DATABASE_URL", baseline: "", ratio: "", target: "≥ 45 %", met: "" });
const searchMeasure = `Admin payment search, ${fmt(SEARCH_PAYMENTS)} payments and ${fmt(SEARCH_LEDGER_ROWS)} ledger rows: p95 (PostgreSQL)`;
if (pgUrl) {
  await step("admin payment search on PostgreSQL", async () => {
    console.log("admin payment search on PostgreSQL…");
    const report = await benchAdminSearch(pgUrl);
    const worst = report.shapes.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    rows.push({
      measure: searchMeasure,
      value: `${fmt(report.p95, 1)} ms`,
      baseline: `slowest shape: ${worst.shape}, p95 ${fmt(worst.p95, 1)} ms`,
      ratio: "",
      target: "< 100 ms",
      met: verdict(report.p95 < 100),
    });
  });
} else rows.push({ measure: searchMeasure, value: "skipped: set BENCH_DATABASE_URL", baseline: "", ratio: "", target: "< 100 ms", met: "" });
await step("spending on PGlite", () => benchSpend("embedded PGlite", undefined, 1000));
if (pgUrl) await step("auto top-up on PostgreSQL", () => benchTopUp("PostgreSQL", pgUrl));
await step("auto top-up on PGlite", () => benchTopUp("embedded PGlite", undefined));

const table = [
  `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, in ${fmt((Date.now() - started) / 1000)} s.`,
  "",
  "| measure | value | baseline | ratio | target | met |",
  "|---|---:|---|---:|---|---|",
  ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`),
  "",
].join("\n");
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/latest.md"), table);
console.log(`\n${table}`);
if (problems.length > 0) {
  console.error(`\nbenchmark failures:\n${problems.join("\n")}`);
  process.exit(1);
}
process.exit(0);
