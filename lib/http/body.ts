import { Problem, problems } from "./problem";

/** Every JSON body of ours is far smaller; the webhook has a limit of its own. */
export const JSON_BODY_LIMIT = 16 * 1024;

export class PayloadTooLarge extends Problem {
  constructor(limit: number) {
    super(413, "PAYLOAD_TOO_LARGE", "The body is too large", `Bodies over ${limit} bytes are refused.`);
  }
}

export class UnsupportedMediaType extends Problem {
  constructor() {
    super(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be JSON", "Send the body with content-type: application/json.");
  }
}

/** application/json, with or without parameters such as charset. */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType?.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** The raw body as text, refusing (without reading it all) anything over `limit` bytes. */
export async function readTextWithLimit(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A JSON body of at most JSON_BODY_LIMIT bytes, sent as application/json;
 * malformed JSON is a 400. With `emptyAs`, a request without a body reads as that.
 */
export async function readJsonBody(req: Request, emptyAs?: unknown): Promise<unknown> {
  const text = await readTextWithLimit(req, JSON_BODY_LIMIT);
  if (text === "" && emptyAs !== undefined) return emptyAs;
  if (text !== "" && !isJsonContentType(req.headers.get("content-type"))) throw new UnsupportedMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.invalidInput("The body must be a JSON object.");
  }
}
