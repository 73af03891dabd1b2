import { config } from "@/lib/env";
import { isJsonContentType, JSON_BODY_LIMIT, PayloadTooLarge, UnsupportedMediaType } from "./body";
import { hasControlCharacter, ID_MAX_LENGTH } from "./input";
import { Problem, problems } from "./problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export class CrossOrigin extends Problem {
  constructor() {
    super(403, "CROSS_ORIGIN", "Cross-origin request refused", "This API only answers requests from the app's own pages.");
  }
}

/** Whether the request says it carries a body (a content-type alone counts: it is how a form or text/plain post looks). */
function declaresBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return req.headers.has("transfer-encoding") || req.headers.has("content-type");
}

/**
 * What every request that changes something must be, checked from its headers alone,
 * before the handler runs: from our own origin when a browser says where it comes from
 * (SameSite=Lax alone lets a cross-site text/plain post through), a JSON body if any,
 * and no declared size over the limit. Callers without a browser (the cron scheduler)
 * send no Origin and pass.
 */
export function guardUnsafeRequest(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== new URL(config().appUrl).origin) throw new CrossOrigin();
  if (Number(req.headers.get("content-length") ?? "0") > JSON_BODY_LIMIT) throw new PayloadTooLarge(JSON_BODY_LIMIT);
  if (declaresBody(req) && !isJsonContentType(req.headers.get("content-type"))) throw new UnsupportedMediaType();
}

/** Path params are ids: a control character or an over-long one is a 400 before any query sees it. */
export async function guardRouteParams(context: unknown): Promise<void> {
  const params = (context as { params?: Promise<Record<string, string | string[] | undefined>> } | undefined)?.params;
  if (!params) return;
  for (const [name, value] of Object.entries(await params)) {
    for (const part of [value ?? []].flat()) {
      if (part.length > ID_MAX_LENGTH || hasControlCharacter(part)) {
        throw problems.invalidInput(`${name}: must be at most ${ID_MAX_LENGTH} characters without control characters`);
      }
    }
  }
}

/** Query parameters never carry control characters; each route's schema checks the rest. */
export function guardQuery(req: Request): void {
  for (const [name, value] of new URL(req.url).searchParams) {
    if (hasControlCharacter(name) || hasControlCharacter(value)) {
      throw problems.invalidInput(`${hasControlCharacter(name) ? "a query parameter's name" : name}: must not contain control characters`);
    }
  }
}
