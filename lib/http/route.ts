import type { NextRequest } from "next/server";
import type { z } from "zod";
import { readJsonBody } from "./body";
import { toProblemResponse } from "./problem";
import { guardQuery, guardRouteParams, guardUnsafeRequest } from "./request-guards";
import { withRequestId } from "./request-id";

/** Reads a JSON body (JSON_BODY_LIMIT, application/json) and validates it; a missing or malformed body is a 400. */
export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  return schema.parse(await readJsonBody(req));
}

/** The same for a body whose fields are all optional: no body at all reads as `{}`. */
export async function parseOptionalJsonBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  return schema.parse(await readJsonBody(req, {}));
}

type Handler<C> = (req: NextRequest, context: C) => Promise<Response>;

/**
 * Wraps each of our route handlers: the request's id in scope and on the response,
 * the request guards before the handler runs (so a refused request changes nothing),
 * and every failure answered as problem+json.
 */
export function handle<C>(handler: Handler<C>): Handler<C> {
  return withRequestId(async (req: NextRequest, context: C) => {
    try {
      guardUnsafeRequest(req);
      guardQuery(req);
      await guardRouteParams(context);
      return await handler(req, context);
    } catch (error) {
      return toProblemResponse(error);
    }
  });
}
