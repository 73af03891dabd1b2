import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

// An incoming id is kept when it is short and plain enough to log and echo as it is.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** The given x-request-id when it is safe to log and echo; otherwise a new one. */
export function requestIdFrom(given: string | null): string {
  return given !== null && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The caller's (or the proxy's) x-request-id when it is safe to log and echo; otherwise a new one. */
export function requestIdOf(req: Request): string {
  return requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
}

/** The id of the request being handled, for the logger; undefined outside a request. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/**
 * Runs a route handler with its request id in scope, so every log line it causes
 * carries the id without passing it along, and echoes the id on the response.
 */
export function withRequestId<R extends Request, A extends unknown[]>(
  handler: (req: R, ...rest: A) => Promise<Response>,
): (req: R, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => {
    const requestId = requestIdOf(req);
    const res = await requestScope.run({ requestId }, () => handler(req, ...rest));
    res.headers.set(REQUEST_ID_HEADER, requestId);
    return res;
  };
}
