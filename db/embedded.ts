import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

const require = createRequire(import.meta.url);

function pgliteServerScript(): string {
  // The package exports only its library entry; the server script sits beside it.
  const entry = require.resolve("@electric-sql/pglite-socket");
  return path.join(path.dirname(entry), "scripts/server.js");
}

async function waitUntilQueryable(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pglite-server exited with code ${child.exitCode}`);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`pglite-server did not answer at ${url}`, { cause: error });
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  }
}

/**
 * Serves a PGlite database over the Postgres wire protocol, so the app and the
 * tests use the same driver and SQL as against a real server.
 * `dataDir` is a folder that survives restarts, or "memory://" for a throwaway one.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  const child = spawn(
    process.execPath,
    [
      pgliteServerScript(),
      `--db=${options.dataDir}`,
      `--port=${options.port}`,
      "--host=127.0.0.1",
      `--max-connections=${options.maxConnections ?? 64}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`;
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
