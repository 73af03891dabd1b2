import { NextResponse } from "next/server";
import { z } from "zod";
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
};

export function problemResponse(p: Problem): NextResponse {
  const retryAfter = p.extra?.retryAfter;
  return NextResponse.json(
    { type: `about:blank#${p.code}`, title: p.title, status: p.status, detail: p.detail ?? p.title, code: p.code, ...p.extra },
    {
      status: p.status,
      headers: {
        "content-type": "application/problem+json",
        ...(typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {}),
      },
    },
  );
}

function describeZodError(error: z.ZodError): Problem {
  const errors = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
  return problems.invalidInput(detail, errors);
}

/** Turns thrown Problems and validation errors into problem+json; anything else is a 500. */
export function toProblemResponse(error: unknown): NextResponse {
  if (error instanceof Problem) return problemResponse(error);
  if (error instanceof z.ZodError) return problemResponse(describeZodError(error));
  log.error({ err: error }, "unhandled error in route handler");
  return problemResponse(new Problem(500, "INTERNAL_ERROR", "Something went wrong", "Please try again."));
}
