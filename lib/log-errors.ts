import { DrizzleQueryError } from "drizzle-orm/errors";

export type SerializedError = {
  type: string;
  message: string;
  code?: string | number;
  severity?: string;
  stack?: string;
  cause?: unknown;
  errors?: unknown[];
};

const MAX_CAUSES = 5;

/** The call frames of a stack without its first line, which repeats the message. */
function framesOf(stack: string | undefined): string | undefined {
  return stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
}

/**
 * What of an error may be logged: its type, message, code and stack, and its causes
 * the same way. Other properties are left out, since they may carry what was being
 * processed (postgres.js's `detail` quotes the conflicting value). A failed Drizzle
 * query is logged by its driver cause alone: Drizzle's message and `params` repeat
 * every parameter of the query, password hashes included.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  if (depth > MAX_CAUSES) return { type: value.name, message: "(cause chain cut short)" };
  if (value instanceof DrizzleQueryError) {
    return { type: "DrizzleQueryError", message: "Database query failed", stack: framesOf(value.stack), cause: serializeError(value.cause, depth + 1) };
  }
  const e = value as Error & { code?: unknown; severity?: unknown };
  const out: SerializedError = { type: e.name, message: e.message };
  if (typeof e.code === "string" || typeof e.code === "number") out.code = e.code;
  if (typeof e.severity === "string") out.severity = e.severity;
  if (e.stack) out.stack = e.stack;
  if (e.cause !== undefined) out.cause = serializeError(e.cause, depth + 1);
  if (e instanceof AggregateError) out.errors = e.errors.map((inner) => serializeError(inner, depth + 1));
  return out;
}
