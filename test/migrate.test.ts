import { randomBytes } from "node:crypto";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { freePort } from "@/scripts/processes";

/*
 * Each `npm start` migrates before it serves, so instances started together meet
 * the same pending migrations. However many migrate at once against a fresh
 * database, each must succeed, each migration must be applied once, and the
 * schema must be the one a lone migrator leaves.
 */

const MIGRATORS = 8;
const ROUNDS = 3;
const migrations = readMigrationFiles({ migrationsFolder: path.join(process.cwd(), "db", "migrations") });

type Database = { url: string; drop(): Promise<void> };

async function embeddedDatabase(): Promise<Database> {
  const server = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
  return { url: server.url, drop: server.stop };
}

async function postgresDatabase(serverUrl: string): Promise<Database> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `ainfo_migrate_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function inspect(url: string) {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const applied = await sql`select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by id`;
    const schema = {
      columns: await sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
        where table_schema = 'public' order by table_name, column_name`,
      indexes: await sql`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
      constraints: await sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint
        where connamespace = 'public'::regnamespace order by conname, def`,
      functions: await sql`select proname, pg_get_function_identity_arguments(oid) as args from pg_proc
        where pronamespace = 'public'::regnamespace order by proname, args`,
      enums: await sql`select t.typname, e.enumlabel from pg_type t join pg_enum e on e.enumtypid = t.oid
        where t.typnamespace = 'public'::regnamespace order by t.typname, e.enumsortorder`,
      packs: await sql`select id, credits, price from credit_packs order by id`,
    };
    return { applied: applied.map((r) => ({ ...r })), schema: JSON.parse(JSON.stringify(schema)) as unknown };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Starts the migrators while a transaction holds the first thing each one does (creating
 * drizzle's schema; on the embedded PGlite, the whole session), then lets them all go at
 * once: instances started at the same moment, without the luck of who connects first.
 */
async function allAtOnce(url: string, migrators: number): Promise<PromiseSettledResult<void>[]> {
  const gate = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  let holding!: () => void;
  let release!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  const released = new Promise<void>((r) => (release = r));
  const gateClosed = gate
    .begin(async (tx) => {
      await tx`create schema drizzle`;
      holding();
      await released;
      throw new Error("rolled back: the gate opens");
    })
    .catch(() => {});
  await held;
  const outcomes = Promise.allSettled(Array.from({ length: migrators }, () => migrateDatabase(url)));
  await new Promise((r) => setTimeout(r, 1_000));
  release();
  await gateClosed;
  await gate.end({ timeout: 5 });
  return outcomes;
}

const servers: Array<{ name: string; fresh: () => Promise<Database> }> = [
  { name: "the embedded PGlite, as the app reaches it", fresh: embeddedDatabase },
];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) servers.push({ name: "PostgreSQL", fresh: () => postgresDatabase(serverUrl) });

const databases: Database[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

/** Back to an empty database, for another round on the same server. */
async function empty(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await sql.unsafe("drop schema if exists drizzle cascade; drop schema public cascade; create schema public");
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe.each(servers)("migrating $name", ({ fresh }) => {
  it(`${MIGRATORS} migrators at once against a fresh database all succeed, apply each migration once and leave the whole schema`, async () => {
    const [raced, alone] = await Promise.all([fresh(), fresh()]);
    databases.push(raced!, alone!);
    await migrateDatabase(alone!.url);
    const expected = await inspect(alone!.url);

    // Who reaches the database first is still luck; a few rounds leave a race no room to hide.
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await empty(raced!.url);
      const outcomes = await allAtOnce(raced!.url, MIGRATORS);
      expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
      const after = await inspect(raced!.url);
      expect(after.applied).toEqual(migrations.map((m) => ({ hash: m.hash, createdAt: String(m.folderMillis) })));
      expect(after.schema).toEqual(expected.schema);
    }
    expect(expected.schema).toMatchObject({ packs: [{ id: "credits-100" }, { id: "credits-1200" }, { id: "credits-550" }] });

    // One more, as an instance started later: nothing to do, nothing done twice.
    await migrateDatabase(raced!.url);
    expect((await inspect(raced!.url)).applied).toHaveLength(migrations.length);
  }, 180_000);
});
