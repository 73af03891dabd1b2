import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseAnswersAt, startEmbeddedPostgres } from "@/db/embedded";
import { embeddedUrl } from "@/db/embedded-url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const dataDir = path.join(root, ".data");
const DEFAULT_EMBEDDED_PORT = 54320;

/** The dev session secret: generated once into .data/ so the first run needs no setup. */
export function devAuthSecret(): string {
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * DATABASE_URL when set; otherwise the embedded PGlite server on .data/pglite:
 * the one `npm run dev` already runs, or a new one.
 */
export async function localDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_DB_PORT ?? DEFAULT_EMBEDDED_PORT);
  const running = embeddedUrl(port);
  if (await databaseAnswersAt(running)) return { url: running, stop: async () => {} };
  fs.mkdirSync(dataDir, { recursive: true });
  console.log(`embedded Postgres (PGlite) on .data/pglite, port ${port}`);
  return startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite"), port });
}
