import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { embeddedUrl } from "./embedded-url";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "embedded-server.ts");

/** Whether a Postgres server answers a query at `url` (one short-lived connection). */
export async function databaseAnswersAt(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

async function waitUntilQueryable(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await databaseAnswersAt(url))) {
    if (child.exitCode !== null) throw new Error(`the embedded database exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the embedded database did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Serves a PGlite database over the Postgres wire protocol, so the app and the
 * tests use the same driver and SQL as against a real server.
 * `dataDir` is a folder that survives restarts, or "memory://" for a throwaway one.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const child = spawn(process.execPath, ["--import", "tsx", serverScript, options.dataDir, String(options.port)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = embeddedUrl(options.port);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  };
  try {
    await waitUntilQueryable(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
