import { NextResponse } from "next/server";
import { z } from "zod";
import { databaseUnavailableCode } from "@/db/errors";
import { log } from "@/lib/log";

/** A failure the client can act on, answered as RFC 9457 problem+json with a stable code. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
    this.name = "Problem";
  }
}

export const problems = {
  invalidInput: (detail: string, errors?: unknown) =>
    new Problem(400, "INVALID_INPUT", "The request is not valid", detail, errors ? { errors } : undefined),
  unauthenticated: () => new Problem(401, "UNAUTHENTICATED", "Sign in first", "This needs a signed-in session."),
  malformedUrl: () =>
    new Problem(400, "MALFORMED_URL", "The address is not valid", "The path or query has a percent-encoding that does not decode."),
};

/** The problem+json document of a Problem. */
export function problemBody(p: Problem): Record<string, unknown> {
  return { type: `about:blank#${p.code}`, title: p.title, status: p.status, detail: p.detail ?? p.title, code: p.code, ...p.extra };
}

export function problemResponse(p: Problem): NextResponse {
  const retryAfter = p.extra?.retryAfter;
  return NextResponse.json(problemBody(p), {
    status: p.status,
    headers: {
      "content-type": "application/problem+json",
      ...(typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {}),
    },
  });
}

function describeZodError(error: z.ZodError): Problem {
  const errors = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
  return problems.invalidInput(detail, errors);
}

/** How soon a client may try again when the database cannot be reached (postgres.js reconnects by itself). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Turns thrown Problems and validation errors into problem+json; a database
 * that cannot be reached is a 503 with Retry-After; anything else is a 500.
 */
export function toProblemResponse(error: unknown): NextResponse {
  if (error instanceof Problem) return problemResponse(error);
  if (error instanceof z.ZodError) return problemResponse(describeZodError(error));
  const dbCode = databaseUnavailableCode(error);
  if (dbCode) {
    // The code alone: a wrapped query error's message carries the query's parameters.
    log.warn({ dbCode }, "database unavailable");
    const res = problemResponse(
      new Problem(503, "SERVICE_UNAVAILABLE", "The service is unavailable", "The database cannot be reached; try again shortly."),
    );
    res.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    return res;
  }
  log.error({ err: error }, "unhandled error in route handler");
  return problemResponse(new Problem(500, "INTERNAL_ERROR", "Something went wrong", "Please try again."));
}
