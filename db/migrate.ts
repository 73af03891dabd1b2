import path from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// Ours alone: no other advisory lock in the app takes this key.
const MIGRATION_LOCK_KEY = 7_301_550_942;

/**
 * Applies the checked-in drizzle-kit migrations, once, however many instances
 * start at once (each `npm start` migrates first).
 *
 * One transaction takes a transaction-level advisory lock before anything else
 * and does the whole of drizzle's migrator's work under it: create its table, read
 * the last migration applied, apply the newer ones and record each. A second
 * migrator waits on the lock, then finds them applied. A session lock would not
 * do on the embedded PGlite, where every connection shares the one session and so
 * each other's session locks; there an open transaction keeps the session to
 * itself (db/embedded-server.ts), which orders migrators the same way.
 *
 * Drizzle's own `migrate` opens a transaction of its own and cannot run inside
 * this one, so this is its loop, with its bookkeeping (`drizzle.__drizzle_migrations`,
 * by `created_at`), so databases it migrated carry on from where they are.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`;
      await tx`create schema if not exists drizzle`;
      await tx`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
      const [last] = await tx<{ createdAt: string }[]>`
        select created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at desc limit 1`;
      for (const migration of migrations) {
        if (last && Number(last.createdAt) >= migration.folderMillis) continue;
        for (const statement of migration.sql) await tx.unsafe(statement);
        await tx`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`;
      }
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
