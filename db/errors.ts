const UNIQUE_VIOLATION = "23505";

/** Whether a query failed on a unique index (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
}

/** Codes that say the database could not be reached or did not answer, as opposed to a query it refused. */
const UNAVAILABLE_CODES = new Set([
  // The socket (Node), including the client's own reply deadline (db/client.ts).
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // PostgreSQL: shutting down, crashed, starting up, too many connections, statement timeout or cancel.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "57014",
]);

/**
 * The code of an error that means the database is unavailable (for now), so the
 * right answer is 503 and a retry; undefined for any other error. Drizzle wraps
 * the driver's error in `cause`.
 */
export function databaseUnavailableCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return code;
    e = cause;
  }
  return undefined;
}
