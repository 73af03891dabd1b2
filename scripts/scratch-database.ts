import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { freePort } from "./processes";

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/**
 * A migrated database of its own for one test or benchmark run: a new database
 * on the given server when there is one, else a throwaway embedded PGlite.
 */
export async function createScratchDatabase(serverUrl: string | undefined): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
    await migrateDatabase(embedded.url);
    return { url: embedded.url, drop: embedded.stop };
  }
  const name = `ainfo_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}
