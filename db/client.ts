import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { isEmbeddedUrl } from "./embedded-url";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

type Connection = { url: string; sql: postgres.Sql; db: Database };

// One pool per process, kept on globalThis so Next's dev reloads do not open new ones.
const holder = globalThis as typeof globalThis & { __ainfoDb?: Connection };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or set it");
  return url;
}

export function getDb(): Database {
  const url = databaseUrl();
  if (holder.__ainfoDb?.url !== url) {
    const sql = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      prepare: !isEmbeddedUrl(url),
      connect_timeout: 10,
      onnotice: () => {},
    });
    holder.__ainfoDb = { url, sql, db: drizzle(sql, { schema }) };
  }
  return holder.__ainfoDb.db;
}

export async function closeDb(): Promise<void> {
  const current = holder.__ainfoDb;
  holder.__ainfoDb = undefined;
  await current?.sql.end({ timeout: 5 });
}
