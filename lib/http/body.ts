import { Problem } from "./problem";

export class BodyTooLarge extends Problem {
  constructor(limit: number) {
    super(413, "BODY_TOO_LARGE", "The body is too large", `Bodies over ${limit} bytes are refused.`);
  }
}

/** The raw body as text, refusing (without reading it all) anything over `limit` bytes. */
export async function readTextWithLimit(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new BodyTooLarge(limit);
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
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
