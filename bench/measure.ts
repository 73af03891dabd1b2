import fs from "node:fs";
import { gzipSync } from "node:zlib";

/** The process and all its descendants (Next's server runs in a child of `next start`). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** CPU time used so far (user + system), in seconds, summed over a process tree. Linux only. */
export function cpuSeconds(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / ticksPerSecond;
}

/** Peak resident memory so far (VmHWM), in MB, summed over a process tree. Linux only. */
export function peakRssMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/**
 * The JavaScript a browser loads for a page on first visit: every script the
 * HTML references, gzipped as a server would send it, in kB. Legacy polyfills
 * (`nomodule`) are left out, as `next build` leaves them out: current browsers skip them.
 */
export async function firstLoadJsKb(pageUrl: string, cookie: string): Promise<number> {
  const html = await (await fetch(pageUrl, { headers: { cookie } })).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((m) => !/nomodule/i.test(m[0]));
  const sources = new Set(tags.map((m) => m[1]!));
  let bytes = 0;
  for (const src of sources) {
    const script = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
    bytes += gzipSync(script).length;
  }
  return bytes / 1024;
}

/** The p-th percentile of `values` (nearest rank; the input is not changed). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
