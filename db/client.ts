import net from "node:net";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { isEmbeddedUrl } from "./embedded-url";
import * as schema from "./schema";

// `$client` is the pool itself, for the one hot path where Drizzle's query building would cost more than the statement.
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

type Connection = { url: string; sql: postgres.Sql; db: Database };

// One pool per process, kept on globalThis so Next's dev reloads do not open new ones.
const holder = globalThis as typeof globalThis & { __ainfoDb?: Connection };

const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
/** How much longer than the statement timeout a connection waits for an answer before it is given up. */
const REPLY_SLACK_MS = 2_000;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or set it");
  return url;
}

function statementTimeoutMs(): number {
  const ms = Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error("DATABASE_STATEMENT_TIMEOUT_MS must be a positive number of milliseconds");
  return ms;
}

/**
 * A plain TCP (or Unix) socket for postgres.js, with two repairs:
 *
 * - It destroys itself when it has sent something and heard nothing back for
 *   `deadlineMs`: the server is gone or the network drops packets. postgres.js
 *   has no per-query timeout (porsager/postgres#1089), TCP keepalive only probes
 *   idle connections, and Node cannot set TCP_USER_TIMEOUT, so without this a
 *   query on a blackholed connection waits out the kernel's retransmissions
 *   (about 15 minutes). Quiet idle connections are left alone.
 * - When the connection fails, postgres.js fails the queries it has then, but a
 *   query handed to the connection between the socket's `error` and its `close`
 *   (it still looks open) would wait forever; the error is told again at `close`.
 *
 * Either way the connection's queries fail, and the pool opens a new connection
 * for the next one.
 */
function guardedSocket(deadlineMs: number) {
  return (options: postgres.ParsedOptions): net.Socket => {
    const host = options.host[0] ?? "localhost";
    const port = options.port[0] ?? 5432;
    const socket = options.path ? net.connect(options.path) : net.connect({ host, port });
    // postgres.js names these in its connection errors, as it does on its own sockets.
    Object.assign(socket, { host, port });
    let writtenAtLastRead = 0;
    let failure: Error | undefined;
    socket.on("data", () => {
      writtenAtLastRead = socket.bytesWritten;
    });
    socket.setTimeout(deadlineMs, () => {
      if (socket.bytesWritten <= writtenAtLastRead) return;
      socket.destroy(Object.assign(new Error(`the database did not answer within ${deadlineMs} ms`), { code: "ETIMEDOUT" }));
    });
    // Registered before postgres.js's own listeners, so this runs first at `close`.
    socket.on("error", (error) => (failure = error));
    socket.on("close", () => failure && socket.emit("error", failure));
    return socket;
  };
}

/** TLS wraps the socket's handle where the guard cannot see the traffic: those connections keep postgres.js's own socket. */
function usesTls(url: string): boolean {
  const query = new URL(url).searchParams;
  const mode = query.get("sslmode") ?? query.get("ssl");
  return mode !== null && mode !== "disable" && mode !== "false";
}

function openPool(url: string): postgres.Sql {
  const statementTimeout = statementTimeoutMs();
  const embedded = isEmbeddedUrl(url);
  const options: postgres.Options<Record<string, never>> & { socket?: ReturnType<typeof guardedSocket> } = {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    prepare: !embedded,
    connect_timeout: 5,
    // Idle connections are closed, and every connection is renewed now and then, so one that died quietly does not linger.
    idle_timeout: 60,
    max_lifetime: 30 * 60,
    // Reconnection waits at most a second (postgres.js's own backoff grows to 20 s, which a request would wait out).
    backoff: (attempt) => Math.min(0.05 * 2 ** attempt, 1),
    // PGlite accepts the parameter and ignores it (`show statement_timeout` stays 0; a 3 s pg_sleep runs to its end), so only real servers get it.
    connection: embedded ? {} : { statement_timeout: statementTimeout },
    socket: usesTls(url) ? undefined : guardedSocket(statementTimeout + REPLY_SLACK_MS),
    onnotice: () => {},
  };
  return postgres(url, options);
}

export function getDb(): Database {
  const url = databaseUrl();
  if (holder.__ainfoDb?.url !== url) {
    const sql = openPool(url);
    holder.__ainfoDb = { url, sql, db: drizzle(sql, { schema }) };
  }
  return holder.__ainfoDb.db;
}

/**
 * Runs reads that a page shows together against one snapshot (a read-only
 * REPEATABLE READ transaction), so a commit between them cannot make a balance
 * and the history under it disagree.
 */
export function readSnapshot<T>(read: (db: Transaction) => Promise<T>): Promise<T> {
  return getDb().transaction(read, { isolationLevel: "repeatable read", accessMode: "read only" });
}

export async function closeDb(): Promise<void> {
  const current = holder.__ainfoDb;
  holder.__ainfoDb = undefined;
  await current?.sql.end({ timeout: 5 });
}
